"use client";
/**
 * The bell in every role's header: unread count (polled every 30 s and on focus), the latest
 * notifications in a disclosure panel, mark-as-read on open of an item or all at once. The poll is a
 * background request: it never extends the session (lib/auth/background.ts).
 */
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "@/components/api/client";

type Item = { id: string; title: string; link: string | null; createdAt: string; readAt: string | null };

export function NotificationBell() {
  const [items, setItems] = useState<Item[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const panel = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    // A failed poll keeps what is shown; the next poll tries again.
    const r = await api<{ items: Item[]; unreadCount: number }>("/api/v1/notifications?limit=8", { background: true });
    if (!r.ok) return;
    setItems(r.data.items);
    setUnread(r.data.unreadCount);
  }, []);

  useEffect(() => {
    const first = setTimeout(load, 0);
    const id = setInterval(load, 30_000);
    window.addEventListener("focus", load);
    return () => {
      clearTimeout(first);
      clearInterval(id);
      window.removeEventListener("focus", load);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (panel.current && !panel.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("pointerdown", onDown);
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("pointerdown", onDown);
      window.removeEventListener("keydown", onKey);
    };
  }, [open]);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const r = await api("/api/v1/notifications/read", { method: "POST", body });
    if (r.ok) await load();
  };

  return (
    <div className="relative" ref={panel}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="notification-panel"
        onClick={() => setOpen((o) => !o)}
        className="relative rounded-md border border-slate-300 px-2.5 py-1.5 hover:bg-slate-50"
        data-testid="notification-bell"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        <span className="sr-only">Notifications, {unread} unread</span>
        {unread > 0 && (
          <span aria-hidden="true" className="absolute -right-1.5 -top-1.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div id="notification-panel" className="absolute right-0 z-30 mt-2 w-80 rounded-lg border border-slate-200 bg-white shadow-lg">
          <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            {unread > 0 && (
              <button type="button" className="text-xs text-brand-700 underline" onClick={() => void markRead({ all: true })}>
                Mark all as read
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p className="p-3 text-sm text-slate-600">Nothing new. You will be told here when something needs you.</p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-auto">
              {items.map((n) => (
                <li key={n.id}>
                  <Link
                    href={n.link ?? "#"}
                    onClick={() => {
                      setOpen(false);
                      if (!n.readAt) void markRead({ ids: [n.id] });
                    }}
                    className={`block px-3 py-2 text-sm hover:bg-slate-50 ${n.readAt ? "text-slate-600" : "font-medium text-slate-900"}`}
                  >
                    {!n.readAt && <span className="sr-only">Unread: </span>}
                    {n.title}
                    <span className="block text-xs font-normal text-slate-500">{new Date(n.createdAt).toLocaleString()}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
