/**
 * Where a STOW-RS may go — the PACS endpoint rules, shared by the settings form (at save) and the
 * sender (before every connection). An administrator sets the URL, so this is not a door for
 * strangers; the rules keep a stolen admin session or a typo from turning the worker into a probe:
 * - `http:` or `https:` only; no user name or password in the URL (use headers), no fragment.
 * - Never a link-local, unspecified or multicast address (169.254.0.0/16 holds cloud metadata
 *   services; fe80::/10), checked on the literal and on every address the name resolves to at
 *   send time. Private and loopback addresses stay allowed: a hospital PACS lives on its LAN.
 * - Redirects are never followed (the sender treats a 3xx as a failed send), so a PACS cannot
 *   bounce the study, with its headers, elsewhere.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { z } from "zod";

/** Whether an IP address is one the sender never connects to. */
export function isForbiddenAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a, b] = address.split(".").map(Number) as [number, number];
    return a === 0 || (a === 169 && b === 254) || a >= 224;
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x.startsWith("::ffff:")) return isForbiddenAddress(x.slice(7));
    return x === "::" || /^fe[89ab]/.test(x) || x.startsWith("ff");
  }
  return false;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");

/** The STOW-RS URL field: absolute http(s), no credentials, no fragment, no forbidden literal address. */
export const stowUrlSchema = z
  .string("The STOW-RS URL must be text")
  .trim()
  .max(2000, "The STOW-RS URL is too long")
  .refine((v) => URL.canParse(v), "Enter an absolute URL such as https://pacs.example.org/dicom-web/studies")
  .superRefine((v, ctx) => {
    if (!URL.canParse(v)) return;
    const url = new URL(v);
    if (url.protocol !== "http:" && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: "Only http and https URLs are accepted" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Put credentials in a header, not in the URL" });
    if (url.hash) ctx.addIssue({ code: "custom", message: "The URL must not have a fragment (#…)" });
    if (isForbiddenAddress(hostOf(url))) ctx.addIssue({ code: "custom", message: "Link-local, multicast and unspecified addresses are not allowed" });
  });

/**
 * Resolve the endpoint's host and refuse it when any address is forbidden.
 * @throws Error naming the rule (no PHI: a URL host only)
 */
export async function assertSendableTarget(stowUrl: string): Promise<void> {
  const host = hostOf(new URL(stowUrl));
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  if (addresses.length === 0 || addresses.some(isForbiddenAddress)) {
    throw new Error("The PACS host resolves to an address DermRelay does not connect to (link-local, multicast or unspecified)");
  }
}
