import { redirect } from "next/navigation";

/** `/specialist/queue` is the name for the queue; the queue lives at the specialist home. */
export default async function QueueAlias({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const qs = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  redirect(qs.size ? `/specialist?${qs}` : "/specialist");
}
