/**
 * E-mail delivery of one notification (the notifications/deliver job). The message says only that
 * something needs attention and where to sign in: no title, no names, no case content — e-mail
 * leaves our control, so it carries nothing that would matter if it were read by someone else.
 * Idempotent: `emailedAt` is claimed with a status guard before sending and given back if the
 * SMTP server refuses, so a retried or duplicated job sends at most once per success.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import { notifications, users } from "../db/schema";
import { env } from "../env";
import { sendMail, type Mail } from "./mailer";

export type DeliveryOutcome = "sent" | "already_sent" | "missing" | "recipient_inactive";

export const EMAIL_SUBJECT = "DermRelay: something needs your attention";

/** The PHI-free e-mail for a notification whose in-app link is `link`. */
export function notificationEmail(to: string, link: string | null, appUrl: string = env.APP_URL): Mail {
  const base = appUrl.replace(/\/$/, "");
  const url = link && link.startsWith("/") ? `${base}${link}` : `${base}/`;
  return {
    to,
    subject: EMAIL_SUBJECT,
    text: [
      "Something in DermRelay needs your attention.",
      "",
      `Sign in to see it: ${url}`,
      "",
      "For privacy, this e-mail contains no patient or referral details.",
    ].join("\n"),
  };
}

/**
 * Send the e-mail for notification `notificationId` through `smtpUrl` (default: SMTP_URL).
 * Throws when the SMTP server fails, so the job retries.
 */
export async function deliverNotification(
  db: Db,
  notificationId: string,
  opts: { smtpUrl?: string; appUrl?: string; now?: Date } = {},
): Promise<DeliveryOutcome> {
  const [row] = await db
    .select({ id: notifications.id, link: notifications.link, emailedAt: notifications.emailedAt, email: users.email, active: users.active })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, notificationId));
  if (!row) return "missing";
  if (row.emailedAt) return "already_sent";
  if (!row.active) return "recipient_inactive";
  const now = opts.now ?? new Date();
  const claimed = await db
    .update(notifications)
    .set({ emailedAt: now })
    .where(and(eq(notifications.id, notificationId), isNull(notifications.emailedAt)))
    .returning({ id: notifications.id });
  if (claimed.length === 0) return "already_sent";
  try {
    await sendMail(notificationEmail(row.email, row.link, opts.appUrl), opts.smtpUrl ?? env.SMTP_URL);
  } catch (err) {
    await db.update(notifications).set({ emailedAt: null }).where(eq(notifications.id, notificationId));
    throw err;
  }
  return "sent";
}
