"use client";
/** Weekly volume: cases submitted and answered per ISO week (solid vs hatched bars, labelled). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartPatterns, EmptyChart, axisProps, fills } from "./chart-kit";

export type WeekPoint = { week: string; submitted: number; answered: number };

export function WeeklyVolumeChart({ data }: { data: WeekPoint[] }) {
  if (data.length === 0) return <EmptyChart message="No cases were submitted in this range. Widen the dates to see earlier weeks." />;
  const f = fills("vol");
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
        <ChartPatterns id="vol" />
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="week" {...axisProps} />
        <YAxis allowDecimals={false} {...axisProps} width={40} label={{ value: "cases", angle: -90, position: "insideLeft", fill: "#334155", fontSize: 12 }} />
        <Tooltip />
        <Legend />
        <Bar dataKey="submitted" name="Submitted (solid)" fill={f[0]} stroke="#115e59" isAnimationActive={false} label={{ position: "top", fontSize: 11 }} />
        <Bar dataKey="answered" name="Answered (hatched)" fill={f[1]} stroke="#0369a1" isAnimationActive={false} label={{ position: "top", fontSize: 11 }} />
      </BarChart>
    </ResponsiveContainer>
  );
}
