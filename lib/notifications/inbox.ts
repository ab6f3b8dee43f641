/**
 * The in-app side of notifications: a user's own list, unread count and read marks. Every query is
 * scoped to the acting user in its `where`; nobody reads anybody else's notifications.
 */
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { notifications } from "../db/schema";
import type { Actor } from "../auth/actor";
import { BadRequest } from "../errors";
import { decodeCursor, encodeCursor } from "../http/cursor";

const CURSOR_TS = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const inboxQuerySchema = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const markReadSchema = z.union([
  z.strictObject({ ids: z.array(z.string().uuid()).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);

export type NotificationItem = { id: string; kind: string; title: string; link: string | null; caseId: string | null; createdAt: string; readAt: string | null };

/** One page of the actor's notifications, newest first, with their unread count. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  query: z.output<typeof inboxQuerySchema>,
): Promise<{ items: NotificationItem[]; nextCursor: string | null; unreadCount: number }> {
  const after = decodeCursor(query.cursor, 2) as [string, string] | null;
  // The cursor keeps PostgreSQL's own text of created_at: rows of one transaction share it to the
  // microsecond, which a JavaScript Date would round away.
  if (after && !(CURSOR_TS.test(String(after[0])) && UUID.test(String(after[1])))) throw BadRequest("Invalid cursor");
  const [rows, unreadCount] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        link: notifications.link,
        caseId: notifications.caseId,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
        createdKey: sql<string>`${notifications.createdAt}::text`,
      })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, actor.id),
          query.unread === "true" ? isNull(notifications.readAt) : undefined,
          after ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit + 1),
    unreadNotificationCount(db, actor),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ createdKey: _k, ...r }) => ({ ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdKey, last.id]) : null,
    unreadCount,
  };
}

/** How many of the actor's notifications are unread. */
export async function unreadNotificationCount(db: Db, actor: Actor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Mark some (ids) or all of the actor's notifications read; others' ids are silently ignored. */
export async function markNotificationsRead(db: Db, actor: Actor, input: z.output<typeof markReadSchema>, now = new Date()): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt), "ids" in input ? inArray(notifications.id, input.ids) : undefined))
    .returning({ id: notifications.id });
  return rows.length;
}
