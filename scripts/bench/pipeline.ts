/**
 * `npm run bench pipeline [-- N]`: N generated 12 MP phone JPEGs (EXIF-rotated) through the real
 * photo pipeline (decrypt upload, process, encrypt and store three renditions, update the row) and,
 * in the same run and interleaved, through bare sharp doing the same decode and encodes. Prints
 * per-image medians at one and two images in flight, throughput, and the ratio (target ≤ 1.25×).
 * Then a HEIC row: the same kind of photo encoded by `heif-enc` (libheif-examples) through the
 * pipeline (libheif-js in its worker thread, then the three renditions) against Debian's native
 * `heif-convert` decoding the same file to one JPEG, with the ratio.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { randomUUID } from "node:crypto";
import path from "node:path";
import sharp from "sharp";

const N = Number(process.argv[2] ?? 8);
process.env.DATABASE_URL ??= "postgres://dermrelay_app@127.0.0.1:5432/dermrelay_bench";
process.env.STORAGE_DIR ??= path.resolve(".data/bench-objects");
process.env.LOG_LEVEL ??= "warn";

const { runMigrations } = await import("@/lib/db/migrate");
const { env } = await import("@/lib/env");
await runMigrations(env.MIGRATION_DATABASE_URL!, env.DATABASE_URL);
const { db, pool } = await import("@/lib/db/client");
const { cases, clinics, patients, photos, users } = await import("@/lib/db/schema");
const { photoObjectKey, photoStore } = await import("@/lib/photos/store");
const { runPhotoPipeline } = await import("@/lib/photos/pipeline");
const { lesionPhoto } = await import("@/lib/db/seed-photos");
const { RENDITION_JPEG } = await import("@/lib/photos/process");
const { restrictSharpLoaders } = await import("@/lib/photos/loader-policy");
const { heicFromJpeg } = await import("@/tests/fixtures/heic");

// Fixtures: one clinic, referrer, patient and draft case to hang photo rows on.
const [clinic] = await db.insert(clinics).values({ name: `bench ${randomUUID()}` }).returning();
const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@bench.test`, name: "Bench", role: "referrer", clinicId: clinic!.id }).returning();
const [patient] = await db.insert(patients).values({ clinicId: clinic!.id, mrn: randomUUID().slice(0, 12), givenName: "B", familyName: "B", birthDate: "1970-01-01", sex: "unknown" }).returning();
const [kase] = await db.insert(cases).values({ clinicId: clinic!.id, patientId: patient!.id, createdBy: user!.id }).returning();

process.stdout.write(`generating ${N} 12 MP JPEGs…\n`);
const images: Buffer[] = [];
for (let i = 0; i < N; i++) {
  const raw = await lesionPhoto(100 + i, 4000, 3000, i);
  images.push(await sharp(raw).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer());
}
restrictSharpLoaders(); // as in the worker

async function bare(bytes: Buffer) {
  const fit = (edge: number) => ({ width: edge, height: edge, fit: "inside" as const, withoutEnlargement: true });
  const upright = sharp(bytes, { limitInputPixels: 40_000_000, failOn: "error" }).autoOrient().toColourspace("srgb");
  await Promise.all([
    upright.clone().jpeg(RENDITION_JPEG.master).toBuffer(),
    upright.clone().resize(fit(2048)).jpeg(RENDITION_JPEG.display).toBuffer(),
    upright.clone().resize(fit(320)).jpeg(RENDITION_JPEG.thumb).toBuffer(),
  ]);
}

async function viaPipeline(bytes: Buffer, mime = "image/jpeg"): Promise<() => Promise<void>> {
  // The upload step (encrypt + store the original, insert the row) happens in the web process
  // before the job; it is prepared here, untimed, and the worker's job is what is measured.
  const id = randomUUID();
  const { keyId } = await photoStore().putObject(photoObjectKey(id, "original"), bytes);
  await db.insert(photos).values({ id, caseId: kase!.id, clinicId: clinic!.id, view: "overview", bodySite: "14975008", mime, sizeBytes: bytes.length, sha256: "bench", keyId });
  return async () => {
    const outcome = await runPhotoPipeline(db, { actor: null, requestId: "bench", ip: null }, id);
    if (outcome !== "ready") throw new Error(`pipeline said ${outcome}`);
  };
}

/** Run `jobs` with `inFlight` at a time; returns per-job durations and the wall time. */
async function timed(jobs: (() => Promise<void>)[], inFlight: number) {
  const durations: number[] = [];
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        const t = performance.now();
        await job();
        durations.push(performance.now() - t);
      }
    }),
  );
  return { durations, wall: performance.now() - start };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

// Warm up both paths once.
await bare(images[0]!);
await (await viaPipeline(images[0]!))();

const rows: string[][] = [];
for (const inFlight of [1, 2]) {
  const bareRuns: number[] = [];
  const pipeRuns: number[] = [];
  let bareWall = 0;
  let pipeWall = 0;
  for (let round = 0; round < 2; round++) {
    const b = await timed(images.map((img) => () => bare(img)), inFlight);
    const prepared = await Promise.all(images.map((img) => viaPipeline(img)));
    const p = await timed(prepared, inFlight);
    bareRuns.push(...b.durations);
    pipeRuns.push(...p.durations);
    bareWall += b.wall;
    pipeWall += p.wall;
  }
  const ratio = median(pipeRuns) / median(bareRuns);
  rows.push([
    String(inFlight),
    median(bareRuns).toFixed(0),
    median(pipeRuns).toFixed(0),
    p95(pipeRuns).toFixed(0),
    ((2 * N * 1000) / bareWall).toFixed(2),
    ((2 * N * 1000) / pipeWall).toFixed(2),
    ratio.toFixed(2),
    (pipeWall / bareWall).toFixed(2),
  ]);
}

const header = ["in flight", "bare median ms", "pipeline median ms", "pipeline p95 ms", "bare img/s", "pipeline img/s", "median ratio", "wall ratio"];
process.stdout.write(`\n12 MP JPEGs, ${N} images × 2 rounds per setting, ${sharp.concurrency()} libvips thread(s)\n`);
process.stdout.write(`${header.join(" | ")}\n${rows.map((r) => r.join(" | ")).join("\n")}\n`);
process.stdout.write(`target: pipeline ≤ 1.25× bare sharp; two images in flight on two cores\n`);

// HEIC: pipeline (wasm libheif in a worker thread + renditions) vs native heif-convert of the same file.
const H = Math.min(N, 4);
const heics = await Promise.all(images.slice(0, H).map((jpeg) => heicFromJpeg(jpeg)));
const exec = promisify(execFile);
const scratch = await mkdtemp(path.join(tmpdir(), "bench-heic-"));
const heifConvert = async (bytes: Buffer, i: number) => {
  const src = path.join(scratch, `in-${i}.heic`);
  await writeFile(src, bytes); // untimed: the file is on disk before the clock starts
  return async () => {
    await exec("heif-convert", ["--quiet", "-q", "90", src, path.join(scratch, `out-${i}.jpg`)]);
  };
};
await (await viaPipeline(heics[0]!, "image/heic"))(); // warm the decoder thread
const nativeRuns: number[] = [];
const heicRuns: number[] = [];
for (let round = 0; round < 2; round++) {
  nativeRuns.push(...(await timed(await Promise.all(heics.map(heifConvert)), 1)).durations);
  heicRuns.push(...(await timed(await Promise.all(heics.map((h) => viaPipeline(h, "image/heic"))), 1)).durations);
}
await rm(scratch, { recursive: true, force: true });
const heicHeader = ["in flight", "heif-convert median ms", "pipeline median ms", "pipeline p95 ms", "median ratio"];
const heicRow = ["1", median(nativeRuns).toFixed(0), median(heicRuns).toFixed(0), p95(heicRuns).toFixed(0), (median(heicRuns) / median(nativeRuns)).toFixed(2)];
process.stdout.write(`\n12 MP HEICs (heif-enc, ${(heics.reduce((a, h) => a + h.length, 0) / H / 1e6).toFixed(1)} MB avg), ${H} images × 2 rounds\n`);
process.stdout.write(`${heicHeader.join(" | ")}\n${heicRow.join(" | ")}\n`);
process.stdout.write(`baseline: native libheif decode + one JPEG encode (heif-convert); the pipeline adds the worker-thread wasm decoder, three renditions, encryption and storage\n`);
await pool.end();
process.exit(0);
