"use client";
/** Backlog: open cases per priority, stacked by age bucket, each bucket its own fill pattern. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartPatterns, EmptyChart, axisProps, fills, strokes } from "./chart-kit";

export type BacklogPoint = { priority: string } & Record<string, number | string>;

export function BacklogChart({ data, buckets }: { data: BacklogPoint[]; buckets: { key: string; label: string }[] }) {
  const total = data.reduce((a, d) => a + buckets.reduce((b, k) => b + Number(d[k.key] ?? 0), 0), 0);
  if (total === 0) return <EmptyChart message="Nothing is waiting: every submitted case has been answered." />;
  const f = fills("bkl");
  const legendNames = ["solid", "hatched", "dotted", "cross-hatched"];
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={data} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
        <ChartPatterns id="bkl" />
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="priority" {...axisProps} />
        <YAxis allowDecimals={false} {...axisProps} width={40} label={{ value: "open cases", angle: -90, position: "insideLeft", fill: "#334155", fontSize: 12 }} />
        <Tooltip />
        <Legend />
        {buckets.map((b, i) => (
          <Bar key={b.key} dataKey={b.key} stackId="age" name={`${b.label} (${legendNames[i]})`} fill={f[i]} stroke={strokes[i]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
