/**
 * Outgoing mail through SMTP (nodemailer). Without SMTP_URL the message is logged — subject and
 * recipient domain only — so development needs no mail server. Callers never put PHI in mail.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { logger } from "../log";

export type Mail = { to: string; subject: string; text: string; html?: string };

let transport: Transporter | null = null;

/** Send one message; throws on SMTP failure so the job retries. */
export async function sendMail(mail: Mail, smtpUrl: string | undefined = env.SMTP_URL): Promise<void> {
  if (!smtpUrl) {
    logger.info({ subject: mail.subject, toDomain: mail.to.split("@")[1] }, "mail (no SMTP_URL set; not sent)");
    return;
  }
  const t = smtpUrl === env.SMTP_URL ? (transport ??= nodemailer.createTransport(smtpUrl)) : nodemailer.createTransport(smtpUrl);
  await t.sendMail({ from: env.MAIL_FROM, ...mail });
}
