"use client";
/**
 * The clinic's case list: the first page is rendered by the server; "Load more" follows the
 * keyset cursor through the API and appends, so long lists stay fast and nothing is skipped.
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { api } from "@/components/api/client";
import { CaseRow } from "./case-row";
import type { CaseListItem } from "@/lib/cases/list";

export function CaseList({ initial, nextCursor, status }: { initial: CaseListItem[]; nextCursor: string | null; status?: string }) {
  const [items, setItems] = useState(initial);
  const [cursor, setCursor] = useState(nextCursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function loadMore() {
    if (!cursor) return;
    setLoading(true);
    setError(null);
    const params = new URLSearchParams({ cursor, limit: "20" });
    if (status) params.set("status", status);
    const r = await api<{ items: CaseListItem[]; nextCursor: string | null }>(`/api/v1/cases?${params}`);
    setLoading(false);
    if (!r.ok) return setError(r.message);
    setItems((prev) => [...prev, ...r.data.items]);
    setCursor(r.data.nextCursor);
  }

  return (
    <div className="space-y-3">
      <ul className="space-y-2" aria-label="Cases">
        {items.map((item) => (
          <CaseRow key={item.id} item={item} />
        ))}
      </ul>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {cursor && (
        <Button variant="secondary" onClick={loadMore} disabled={loading} aria-busy={loading}>
          {loading ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
