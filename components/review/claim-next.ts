/** Claim the head of the queue and say where to go: the claimed case, or the "queue is empty" page. */
import { api } from "@/components/api/client";

export async function claimNextHref(): Promise<{ href: string } | { error: string }> {
  const r = await api<{ id: string } | null>("/api/v1/queue/claim-next", { method: "POST" });
  if (!r.ok) return { error: r.message };
  return { href: r.data ? `/specialist/review?case=${r.data.id}` : "/specialist/review?done=1" };
}
