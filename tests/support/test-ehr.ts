/**
 * A test EHR on 127.0.0.1 (port 0): the one peer the suite stands in for (SPEC §13). It is a real
 * SMART authorization server — discovery, an authorize page a browser can submit, a token
 * endpoint that checks client_secret_basic and PKCE S256, RS256 id_tokens with fhirUser signed by
 * its own key and published as a JWKS, refresh tokens — and a small FHIR endpoint holding
 * Patients, ServiceRequests and the DocumentReferences DermRelay writes back. Faults can be
 * switched on per test: down, bad signature, wrong audience, expired id_token, no patient.
 *
 * Used by the integration tests in-process and by the e2e run as a separate process
 * (tests/e2e/test-ehr-server.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";
import { calculatePKCECodeChallenge } from "oauth4webapi";
import type { Identifier } from "fhir/r4";

export type EhrFaults = { down: boolean; badSignature: boolean; wrongAudience: boolean; expiredIdToken: boolean; noPatient: boolean };

type Grant = { clientId: string; redirectUri: string; challenge: string; scope: string; nonce: string | null; patient: string | null; serviceRequest: string | null; user: string };
type AccessToken = { expiresAt: number; patient: string | null; scope: string };
type FhirResource = { resourceType: string; id: string } & Record<string, unknown>;

export type TestEhr = {
  /** The FHIR base URL (the `iss` DermRelay is registered with). */
  iss: string;
  origin: string;
  clientId: string;
  clientSecret: string;
  faults: EhrFaults;
  /** The practitioner the authorize page signs in as. */
  fhirUser: string;
  /** The URL a clinician clicks in the chart: redirects to DermRelay's launch URL with iss and launch. */
  launchUrl(patientId: string, serviceRequestId?: string): string;
  /** A patient whose MRN is typed MR in the EHR's own system (`{origin}/mrn`); `identifier` replaces that list. */
  addPatient(p: { mrn: string; given: string; family: string; birthDate: string; gender: string; identifier?: Identifier[] }): string;
  /** The EHR's own MRN identifier system. */
  mrnSystem: string;
  /** An order for the patient; `extra` adds or overrides fields (priority, bodySite, reasonCode…). */
  addServiceRequest(patientId: string, note: string, extra?: Record<string, unknown>): string;
  /** Every DocumentReference the app created, newest last. */
  documentReferences(): FhirResource[];
  /** Make every access token issued so far expire now (the app must then refresh). */
  expireAccessTokens(): void;
  /** How many token requests of each grant the EHR answered successfully. */
  grants: { authorization_code: number; refresh_token: number };
  stop(): Promise<void>;
};

const html = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown, type = "application/json") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/**
 * Start the EHR. `appLaunchUrl` is DermRelay's `/smart/launch`; `redirectUris` are the callback
 * URLs the client may use.
 */
export async function startTestEhr(opts: { appLaunchUrl: string; redirectUris: string[]; clientId?: string; clientSecret?: string; port?: number }): Promise<TestEhr> {
  const clientId = opts.clientId ?? "dermrelay-test";
  const clientSecret = opts.clientSecret ?? randomBytes(16).toString("hex");
  const signing = await generateKeyPair("RS256");
  const impostor = await generateKeyPair("RS256");
  const kid = "ehr-key-1";
  const jwk: JWK = { ...(await exportJWK(signing.publicKey)), kid, alg: "RS256", use: "sig" };
  const faults: EhrFaults = { down: false, badSignature: false, wrongAudience: false, expiredIdToken: false, noPatient: false };
  const launches = new Map<string, { patient: string; serviceRequest: string | null }>();
  const codes = new Map<string, Grant>();
  const access = new Map<string, AccessToken>();
  const refresh = new Map<string, { patient: string | null; scope: string }>();
  const resources = new Map<string, FhirResource>();
  const grants = { authorization_code: 0, refresh_token: 0 };
  const practitionerId = "prac-1";
  let origin = "";
  const iss = () => `${origin}/fhir`;
  const fhirUser = () => `${iss()}/Practitioner/${practitionerId}`;

  async function idToken(grant: Grant): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key: CryptoKey = faults.badSignature ? impostor.privateKey : signing.privateKey;
    const jwt = new SignJWT({ fhirUser: fhirUser(), ...(grant.nonce ? { nonce: grant.nonce } : {}) })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(iss())
      .setSubject(practitionerId)
      .setAudience(faults.wrongAudience ? "some-other-app" : grant.clientId)
      .setIssuedAt(faults.expiredIdToken ? now - 7200 : now)
      .setExpirationTime(faults.expiredIdToken ? now - 3600 : now + 300);
    return jwt.sign(key);
  }

  function issueAccess(patient: string | null, scope: string) {
    const token = randomBytes(24).toString("base64url");
    access.set(token, { expiresAt: Date.now() + 3600_000, patient, scope });
    return token;
  }

  function clientAuthOk(req: IncomingMessage, form: URLSearchParams): boolean {
    const header = req.headers.authorization ?? "";
    const m = /^Basic (.+)$/.exec(header);
    if (!m) return false;
    const [id, secret] = Buffer.from(m[1]!, "base64").toString("utf8").split(":").map(decodeURIComponent);
    return id === clientId && secret === clientSecret && (!form.get("client_id") || form.get("client_id") === clientId);
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    if (!clientAuthOk(req, form)) return send(res, 401, { error: "invalid_client" });
    if (form.get("grant_type") === "authorization_code") {
      const code = form.get("code") ?? "";
      const grant = codes.get(code);
      codes.delete(code); // single use
      if (!grant || grant.redirectUri !== form.get("redirect_uri")) return send(res, 400, { error: "invalid_grant" });
      const verifier = form.get("code_verifier") ?? "";
      if (!verifier || (await calculatePKCECodeChallenge(verifier)) !== grant.challenge) return send(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
      const refreshToken = grant.scope.split(" ").includes("offline_access") ? randomBytes(24).toString("base64url") : undefined;
      if (refreshToken) refresh.set(refreshToken, { patient: grant.patient, scope: grant.scope });
      grants.authorization_code += 1;
      return send(res, 200, {
        access_token: issueAccess(grant.patient, grant.scope),
        token_type: "Bearer",
        expires_in: 3600,
        scope: grant.scope,
        id_token: await idToken(grant),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        ...(grant.patient && !faults.noPatient ? { patient: grant.patient } : {}),
        ...(grant.serviceRequest ? { fhirContext: [{ reference: `ServiceRequest/${grant.serviceRequest}` }] } : {}),
        need_patient_banner: false,
      });
    }
    if (form.get("grant_type") === "refresh_token") {
      const r = refresh.get(form.get("refresh_token") ?? "");
      if (!r) return send(res, 400, { error: "invalid_grant" });
      grants.refresh_token += 1;
      return send(res, 200, { access_token: issueAccess(r.patient, r.scope), token_type: "Bearer", expires_in: 3600, scope: r.scope });
    }
    return send(res, 400, { error: "unsupported_grant_type" });
  }

  function authorizePage(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const problems: string[] = [];
    if (q.get("response_type") !== "code") problems.push("response_type must be code");
    if (q.get("client_id") !== clientId) problems.push("unknown client");
    if (!opts.redirectUris.includes(q.get("redirect_uri") ?? "")) problems.push("redirect_uri not registered");
    if (q.get("code_challenge_method") !== "S256" || !q.get("code_challenge")) problems.push("PKCE S256 required");
    if (q.get("aud") !== iss()) problems.push("aud must be this FHIR server");
    if (!q.get("state")) problems.push("state required");
    if (problems.length) return send(res, 400, `<!doctype html><title>Refused</title><p>${problems.map(html).join("; ")}</p>`, "text/html");
    const hidden = ["client_id", "redirect_uri", "code_challenge", "state", "scope", "launch", "nonce"]
      .map((k) => `<input type="hidden" name="${k}" value="${html(q.get(k) ?? "")}">`)
      .join("");
    const patientId = q.get("launch") ? launches.get(q.get("launch")!)?.patient : null;
    send(
      res,
      200,
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test EHR — authorize</title></head><body>
<main><h1>Test EHR: allow DermRelay?</h1>
<p>DermRelay asks for: <code>${html(q.get("scope") ?? "")}</code></p>
${patientId ? `<p>Patient in context: ${html(patientId)}</p>` : ""}
<form method="post" action="/authorize">${hidden}<button type="submit">Allow</button></form></main></body></html>`,
      "text/html; charset=utf-8",
    );
  }

  async function authorizeSubmit(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const redirectUri = form.get("redirect_uri") ?? "";
    if (form.get("client_id") !== clientId || !opts.redirectUris.includes(redirectUri)) return send(res, 400, { error: "invalid_request" });
    const launch = form.get("launch") ? launches.get(form.get("launch")!) : undefined;
    const code = randomBytes(18).toString("base64url");
    codes.set(code, {
      clientId,
      redirectUri,
      challenge: form.get("code_challenge") ?? "",
      scope: form.get("scope") ?? "",
      nonce: form.get("nonce") || null,
      patient: launch?.patient ?? null,
      serviceRequest: launch?.serviceRequest ?? null,
      user: practitionerId,
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    target.searchParams.set("state", form.get("state") ?? "");
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  async function fhir(req: IncomingMessage, res: ServerResponse, path: string) {
    const fhirSend = (status: number, body: unknown) => send(res, status, body, "application/fhir+json");
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
    const grant = m ? access.get(m[1]!) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) return fhirSend(401, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "login" }] });
    const [type, id] = path.split("/").filter(Boolean);
    if (req.method === "GET" && type && id) {
      const r = resources.get(`${type}/${id}`);
      return r ? fhirSend(200, r) : fhirSend(404, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found" }] });
    }
    if (req.method === "POST" && type === "DocumentReference" && !id) {
      if (!grant.scope.split(" ").some((s) => /^(patient|user)\/DocumentReference\.(c|write|\*)/.test(s))) return fhirSend(403, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "forbidden" }] });
      const body = JSON.parse(await readBody(req)) as FhirResource;
      if (body.resourceType !== "DocumentReference") return fhirSend(400, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "invalid" }] });
      const created = { ...body, id: randomUUID(), meta: { versionId: "1", lastUpdated: new Date().toISOString() } };
      resources.set(`DocumentReference/${created.id}`, created);
      res.writeHead(201, { "content-type": "application/fhir+json", location: `${iss()}/DocumentReference/${created.id}/_history/1` });
      return res.end(JSON.stringify(created));
    }
    return fhirSend(404, { resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-supported" }] });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    if (faults.down) return send(res, 503, { error: "temporarily_unavailable" });
    if (url.pathname === "/fhir/.well-known/smart-configuration") {
      return send(res, 200, {
        issuer: iss(),
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        jwks_uri: `${origin}/jwks`,
        grant_types_supported: ["authorization_code", "refresh_token"],
        token_endpoint_auth_methods_supported: ["client_secret_basic"],
        code_challenge_methods_supported: ["S256"],
        response_types_supported: ["code"],
        scopes_supported: ["openid", "fhirUser", "launch", "launch/patient", "offline_access", "patient/*.rs", "patient/DocumentReference.c"],
        capabilities: ["launch-ehr", "launch-standalone", "client-confidential-symmetric", "sso-openid-connect", "context-ehr-patient", "permission-offline", "permission-patient", "authorize-post"],
      });
    }
    if (url.pathname === "/jwks") return send(res, 200, { keys: [jwk] });
    if (url.pathname === "/launch") {
      const id = randomBytes(12).toString("base64url");
      launches.set(id, { patient: url.searchParams.get("patient") ?? "", serviceRequest: url.searchParams.get("serviceRequest") });
      const target = new URL(opts.appLaunchUrl);
      target.searchParams.set("iss", iss());
      target.searchParams.set("launch", id);
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (url.pathname === "/authorize" && req.method === "GET") return authorizePage(url, res);
    if (url.pathname === "/authorize" && req.method === "POST") return authorizeSubmit(req, res);
    if (url.pathname === "/token" && req.method === "POST") return token(req, res);
    if (url.pathname.startsWith("/fhir/")) return fhir(req, res, url.pathname.slice("/fhir".length));
    send(res, 404, { error: "not_found" });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: "server_error" }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get iss() {
      return iss();
    },
    origin,
    clientId,
    clientSecret,
    faults,
    get fhirUser() {
      return fhirUser();
    },
    mrnSystem: `${origin}/mrn`,
    launchUrl: (patientId, serviceRequestId) => `${origin}/launch?patient=${encodeURIComponent(patientId)}${serviceRequestId ? `&serviceRequest=${encodeURIComponent(serviceRequestId)}` : ""}`,
    addPatient(p) {
      const id = randomUUID();
      resources.set(`Patient/${id}`, {
        resourceType: "Patient",
        id,
        identifier: p.identifier ?? [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] }, system: `${origin}/mrn`, value: p.mrn }],
        name: [{ use: "official", family: p.family, given: [p.given] }],
        birthDate: p.birthDate,
        gender: p.gender,
      });
      return id;
    },
    addServiceRequest(patientId, note, extra = {}) {
      const id = randomUUID();
      resources.set(`ServiceRequest/${id}`, { resourceType: "ServiceRequest", id, status: "active", intent: "order", subject: { reference: `Patient/${patientId}` }, code: { text: "Dermatology referral" }, note: [{ text: note }], ...extra });
      return id;
    },
    documentReferences: () => [...resources.values()].filter((r) => r.resourceType === "DocumentReference"),
    expireAccessTokens() {
      for (const t of access.values()) t.expiresAt = 0;
    },
    grants,
    stop: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
