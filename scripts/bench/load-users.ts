/**
 * The virtual users of `npm run bench:load` (scripts/bench/load.ts): what referrers, specialists
 * and admins do, through real HTTP with their API tokens, and the recorder that keeps every
 * request's route, status and latency. An error is a network failure or a status the step did not
 * expect (a 204 from claim-next on an empty queue is expected, a 429 or 5xx never is).
 */
import { percentile } from "./support";

export type Sample = { route: string; ms: number; status: number };

export class Recorder {
  readonly samples: Sample[] = [];
  readonly errors: { route: string; status: number; detail: string }[] = [];

  /** One request: `route` is the templated path ("POST /api/v1/cases/:id/submit"). */
  async call(base: string, token: string, route: string, path: string, init: RequestInit & { ok?: number[] } = {}): Promise<Response | null> {
    const started = performance.now();
    try {
      const res = await fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...init.headers } });
      const ms = performance.now() - started;
      this.samples.push({ route, ms, status: res.status });
      if (!(init.ok ?? [200, 201]).includes(res.status)) {
        this.errors.push({ route, status: res.status, detail: (await res.text()).slice(0, 200) });
        return null;
      }
      return res;
    } catch (err) {
      this.samples.push({ route, ms: performance.now() - started, status: 0 });
      this.errors.push({ route, status: 0, detail: (err as Error).message });
      return null;
    }
  }

  /** Per route: requests, errors, p50/p95/p99 in ms. */
  table(): string[] {
    const routes = [...new Set(this.samples.map((s) => s.route))].sort();
    const rows = routes.map((route) => {
      const ms = this.samples.filter((s) => s.route === route).map((s) => s.ms);
      const errors = this.errors.filter((e) => e.route === route).length;
      const p = (q: number) => percentile(ms, q).toFixed(0).padStart(6);
      return `${route.padEnd(44)} ${String(ms.length).padStart(6)} ${String(errors).padStart(6)} ${p(50)} ${p(95)} ${p(99)}`;
    });
    return [`${"route".padEnd(44)} ${"reqs".padStart(6)} ${"errors".padStart(6)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"p99".padStart(6)}`, ...rows];
  }
}

export type World = {
  base: string;
  rec: Recorder;
  /** Stop starting new steps once this instant has passed. */
  until: number;
  /** Photos of 40 MP uploaded and not yet processed. */
  bigInFlight: Set<string>;
  history: unknown;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const think = (w: World, ms = 500) => sleep(ms / 2 + Math.random() * ms);
const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** A referrer: draft → photo upload → wait for processing → submit, over and over. */
export async function referrer(w: World, token: string, patientId: string, photo: Buffer, big: boolean) {
  while (Date.now() < w.until) {
    const draft = await w.rec.call(w.base, token, "POST /api/v1/cases", "/api/v1/cases", json({ patientId, history: w.history }));
    if (!draft) return think(w, 2000);
    const caseId = ((await draft.json()) as { id: string }).id;
    await think(w);
    const form = new FormData();
    form.set("view", "overview");
    form.set("bodySite", "14975008");
    form.set("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "lesion.jpg");
    const up = await w.rec.call(w.base, token, "POST /api/v1/cases/:id/photos", `/api/v1/cases/${caseId}/photos`, { method: "POST", body: form });
    if (!up) continue;
    const photoId = ((await up.json()) as { id: string }).id;
    if (big) w.bigInFlight.add(photoId);
    // The photo page polls until the worker is done (a person would watch the progress).
    let status = "processing";
    while (status === "processing" && Date.now() < w.until + 60_000) {
      await sleep(1000);
      const p = await w.rec.call(w.base, token, "GET /api/v1/photos/:id", `/api/v1/photos/${photoId}`);
      status = p ? ((await p.json()) as { status: string }).status : "failed";
    }
    w.bigInFlight.delete(photoId);
    if (status !== "ready") continue;
    await w.rec.call(w.base, token, "POST /api/v1/cases/:id/submit", `/api/v1/cases/${caseId}/submit`, { method: "POST" });
    await w.rec.call(w.base, token, "GET /api/v1/cases", "/api/v1/cases?limit=20");
    await w.rec.call(w.base, token, "GET /api/v1/notifications", "/api/v1/notifications");
    await think(w);
  }
}

const REPLY = { diagnosis: "Seborrhoeic keratosis", diagnosisCode: "L82.1", plan: "Reassure; no treatment needed", disposition: "reassure" };

/** A specialist: look at the queue, claim the next case, read it, reply. */
export async function specialist(w: World, token: string) {
  while (Date.now() < w.until) {
    await w.rec.call(w.base, token, "GET /api/v1/queue", "/api/v1/queue");
    const claimed = await w.rec.call(w.base, token, "POST /api/v1/queue/claim-next", "/api/v1/queue/claim-next", { method: "POST", ok: [200, 204] });
    if (!claimed || claimed.status === 204) {
      await think(w, 2000);
      continue;
    }
    const { id } = (await claimed.json()) as { id: string };
    await w.rec.call(w.base, token, "GET /api/v1/cases/:id", `/api/v1/cases/${id}`);
    await think(w, 1000);
    await w.rec.call(w.base, token, "POST /api/v1/cases/:id/consultation", `/api/v1/cases/${id}/consultation`, json(REPLY));
    await think(w);
  }
}

/** An admin: the service dashboard's reads. */
export async function admin(w: World, token: string) {
  while (Date.now() < w.until) {
    await w.rec.call(w.base, token, "GET /api/v1/metrics/backlog", "/api/v1/metrics/backlog");
    await w.rec.call(w.base, token, "GET /api/v1/metrics/turnaround", "/api/v1/metrics/turnaround?groupBy=week");
    await w.rec.call(w.base, token, "GET /api/v1/cases", "/api/v1/cases?limit=20");
    await think(w, 2000);
  }
}
