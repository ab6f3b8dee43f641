/**
 * `npm run bench:dicom`: the DICOM export of a 12-photo case with 12 MP masters (read from the
 * encrypted store, decrypted, wrapped by dcmjs, zipped as a stream to a file) against dcmtk's
 * `img2dcm` wrapping the same JPEGs (one process per file, as a script would), interleaved in one
 * run. Then peak RSS of a fresh process exporting 4 and 12 photos: streaming means it stays flat.
 * Target: DermRelay ≤ 1.5× the bare tool.
 */
import { execFile, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { freshDatabase, out, setBenchEnv } from "./support";

const dbUrl = process.env.BENCH_DICOM_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/dermrelay_bench_dicom";
setBenchEnv("dicom", dbUrl);
process.env.STORAGE_DIR ??= path.resolve(".data/bench-objects");
const run = promisify(execFile);
const child = process.argv[2] === "--rss" ? process.argv[3]! : null;

const { db, pool } = await import("@/lib/db/client");
const { caseDicomObjects, planCaseExport } = await import("@/lib/dicom/objects");
const { zipStream } = await import("@/lib/dicom/zip");

/** Export case `caseId` as the download route does, into `file`. */
async function exportCase(caseId: string, file: string) {
  const plan = await planCaseExport(db, caseId);
  const objects = caseDicomObjects(plan);
  const entries = (async function* () {
    for await (const o of objects) yield { name: o.fileName, bytes: o.bytes };
  })();
  await pipeline(Readable.fromWeb(zipStream(entries, plan.studyAt) as unknown as WebReadableStream<Uint8Array>), createWriteStream(file));
  return plan.inputs.length;
}

if (child) {
  // Child mode: one export in a fresh process, then report its peak RSS.
  const dir = await mkdtemp(path.join(tmpdir(), "bench-dicom-rss-"));
  const before = process.memoryUsage().rss / 2 ** 20;
  const n = await exportCase(child, path.join(dir, "case.zip"));
  // VmHWM is this process's own high-water mark (getrusage's maxrss carries the parent's over exec).
  const hwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(await readFile("/proc/self/status", "utf8"))?.[1] ?? NaN);
  process.stdout.write(JSON.stringify({ photos: n, rssBeforeMb: before, maxRssMb: hwmKb / 1024 }));
  await rm(dir, { recursive: true, force: true });
  await pool.end();
  process.exit(0);
}

await freshDatabase(dbUrl);
const sharp = (await import("sharp")).default;
const { cases, clinics, patients, photos, users } = await import("@/lib/db/schema");
const { photoObjectKey, photoStore } = await import("@/lib/photos/store");
const { lesionPhoto } = await import("@/lib/db/seed-photos");
const { RENDITION_JPEG } = await import("@/lib/photos/process");

const [clinic] = await db.insert(clinics).values({ name: `bench ${randomUUID().slice(0, 8)}` }).returning();
const [user] = await db.insert(users).values({ email: `bench-${randomUUID()}@bench.test`, name: "Bench", role: "referrer", clinicId: clinic!.id }).returning();
const [patient] = await db.insert(patients).values({ clinicId: clinic!.id, mrn: "BENCH-1", givenName: "B", familyName: "B", birthDate: "1970-01-01", sex: "unknown" }).returning();
const newCase = async () => (await db.insert(cases).values({ clinicId: clinic!.id, patientId: patient!.id, createdBy: user!.id, status: "submitted", submittedAt: new Date() }).returning())[0]!;
const [case12, case4] = [await newCase(), await newCase()];

const dir = await mkdtemp(path.join(tmpdir(), "bench-dicom-"));
out("generating 12 masters of 4000×3000 (12 MP)…");
const jpegFiles: string[] = [];
const views = ["overview", "closeup", "dermoscopy"] as const;
for (let i = 0; i < 12; i++) {
  const master = await sharp(await lesionPhoto(200 + i, 4000, 3000, i)).jpeg(RENDITION_JPEG.master).toBuffer();
  const file = path.join(dir, `${i}.jpg`);
  await writeFile(file, master);
  jpegFiles.push(file);
  for (const c of i < 4 ? [case12, case4] : [case12]) {
    const id = randomUUID();
    const { keyId } = await photoStore().putObject(photoObjectKey(id, "master"), master);
    await db.insert(photos).values({ id, caseId: c.id, clinicId: clinic!.id, view: views[i % 3]!, bodySite: "14975008", status: "ready", mime: "image/jpeg", sizeBytes: master.length, sha256: "bench", keyId, width: 4000, height: 3000 });
  }
}
const masterMb = (await Promise.all(jpegFiles.map((f) => stat(f)))).reduce((s, x) => s + x.size, 0) / 1e6;

async function bareImg2dcm() {
  for (const [i, f] of jpegFiles.entries()) await run("img2dcm", [f, path.join(dir, `bare-${i}.dcm`)]);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

await bareImg2dcm(); // warm-up
await exportCase(case12.id, path.join(dir, "warm.zip"));
const bare: number[] = [];
const ours: number[] = [];
const ROUNDS = 5;
for (let r = 0; r < ROUNDS; r++) {
  bare.push(await time(bareImg2dcm));
  ours.push(await time(() => exportCase(case12.id, path.join(dir, "case.zip"))));
}
const zipMb = (await stat(path.join(dir, "case.zip"))).size / 1e6;

const rss = (caseId: string) => {
  const res = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--rss", caseId], { encoding: "utf8", env: process.env });
  if (res.status !== 0) throw new Error(res.stderr);
  return JSON.parse(res.stdout) as { photos: number; rssBeforeMb: number; maxRssMb: number };
};
const r4 = rss(case4.id);
const r12 = rss(case12.id);

out(`\n12 photos, 12 MP masters (${masterMb.toFixed(1)} MB of JPEG; zip ${zipMb.toFixed(1)} MB), ${ROUNDS} rounds, interleaved`);
out(`| | median ms | per photo ms |`);
out(`| img2dcm (dcmtk), 12 files | ${median(bare).toFixed(0)} | ${(median(bare) / 12).toFixed(1)} |`);
out(`| DermRelay export (decrypt + dcmjs + zip stream) | ${median(ours).toFixed(0)} | ${(median(ours) / 12).toFixed(1)} |`);
out(`ratio DermRelay / img2dcm: ${(median(ours) / median(bare)).toFixed(2)}× (target ≤ 1.5×)`);
out(`peak RSS of a fresh process: ${r4.photos} photos ${r4.maxRssMb.toFixed(0)} MB, ${r12.photos} photos ${r12.maxRssMb.toFixed(0)} MB (Δ ${(r12.maxRssMb - r4.maxRssMb).toFixed(0)} MB for 8 more photos of ~${(masterMb / 12).toFixed(1)} MB); RSS before the export ${r4.rssBeforeMb.toFixed(0)} / ${r12.rssBeforeMb.toFixed(0)} MB`);

await rm(dir, { recursive: true, force: true });
await pool.end();
process.exit(0);
