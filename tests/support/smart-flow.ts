/**
 * Driving a SMART launch in-process for integration tests: the test EHR's launch URL, DermRelay's
 * launch route, the EHR's authorize form (submitted as a browser would), and DermRelay's callback
 * and continue routes, with cookies carried by hand.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createConnection } from "@/lib/smart/connections";
import * as launchRoute from "@/app/smart/launch/route";
import * as callbackRoute from "@/app/smart/callback/route";
import * as continueRoute from "@/app/smart/continue/route";
import { startTestEhr, type TestEhr } from "./test-ehr";
import { ctxOf } from "./factories";

type Admin = Parameters<typeof ctxOf>[0];

/** A test EHR registered as a connection of `clinicId`. */
export async function ehrWithConnection(admin: Admin, clinicId: string, opts: { secret?: boolean } = {}) {
  const ehr = await startTestEhr({ appLaunchUrl: `${env.APP_URL}/smart/launch`, redirectUris: [`${env.APP_URL}/smart/callback`] });
  const connection = await createConnection(db, ctxOf(admin), { name: `EHR ${randomUUID().slice(0, 6)}`, iss: ehr.iss, clientId: ehr.clientId, clinicId, ...(opts.secret === false ? {} : { clientSecret: ehr.clientSecret }) });
  return { ehr, connection };
}

/** The `name=value` pairs of a response's Set-Cookie headers, by name. */
export function cookiesOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    out[pair!.slice(0, i)] = pair!.slice(i + 1);
  }
  return out;
}

export const cookieHeader = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");

/** Follow the EHR's launch link to DermRelay's launch route; returns the authorize URL and cookies. */
export async function startLaunch(ehr: TestEhr, patientId: string, serviceRequestId?: string) {
  const hop = await fetch(ehr.launchUrl(patientId, serviceRequestId), { redirect: "manual" });
  const res = await launchRoute.GET(new Request(hop.headers.get("location")!));
  return { res, authorize: res.headers.get("location"), cookies: cookiesOf(res) };
}

/** Submit the EHR's authorize form like a browser; returns the callback URL it redirects to. */
export async function authorize(authorizeUrl: string): Promise<string> {
  const page = await fetch(authorizeUrl);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${await page.text()}`);
  const q = new URL(authorizeUrl).searchParams;
  const form = new URLSearchParams();
  for (const k of ["client_id", "redirect_uri", "code_challenge", "state", "scope", "launch", "nonce"]) form.set(k, q.get(k) ?? "");
  const res = await fetch(new URL("/authorize", authorizeUrl), { method: "POST", body: form, redirect: "manual" });
  return res.headers.get("location")!;
}

export const callback = (url: string, cookies: Record<string, string>) => callbackRoute.GET(new Request(url, { headers: { cookie: cookieHeader(cookies) } }));
export const continueLaunch = (cookies: Record<string, string>) => continueRoute.GET(new Request(`${env.APP_URL}/smart/continue`, { headers: { cookie: cookieHeader(cookies) } }));
