/**
 * One image of `npm run bench:measure`: the processor alone and the processor with the
 * measurement step (as the worker runs it: display pixels plus the quality copy), in an order
 * that alternates with the image's index, with wall and process CPU time for each, and the
 * errors against the renderer's truth. The process runs sharp as the worker does.
 */
import { measureWorking, toPhotoResult, type WorkingMeasure } from "@/lib/measure/measure-photo";
import { restrictSharpLoaders } from "@/lib/photos/loader-policy";
import { configureSharpForWorker } from "@/lib/photos/sharp-memory";
import { processPhoto, type WorkingPixels } from "@/lib/photos/process";
import type { SceneSpec } from "@/tests/fixtures/measure-scene";
import { benchScene } from "./measure-set";
import type { Row } from "./measure-report";

// As the worker runs: allow-listed loaders, no libvips operation cache (it would serve the second
// decode of the same bytes from memory), one libvips thread per image.
restrictSharpLoaders();
configureSharpForWorker();

async function timed<T>(f: () => Promise<T>): Promise<[T, number, number]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await f();
  const t = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [v, t, (c.user + c.system) / 1000];
}

export async function measureOne(spec: SceneSpec, index: number, fresh: boolean): Promise<Row> {
  const { jpeg, truth } = await benchScene(spec, fresh);
  let tMeasure = 0;
  const step = async (px: WorkingPixels): Promise<WorkingMeasure> => {
    const t0 = performance.now();
    const w = await measureWorking({ data: px.data, width: px.width, height: px.height, channels: px.channels as 3 }, { view: "closeup", markerSideMm: 20 }, px.preview);
    tMeasure = performance.now() - t0;
    return w;
  };
  const alone = () => timed(() => processPhoto(jpeg));
  const withStep = () => timed(() => processPhoto(jpeg, step));
  let a: Awaited<ReturnType<typeof alone>>, w: Awaited<ReturnType<typeof withStep>>;
  if (index % 2) {
    a = await alone();
    w = await withStep();
  } else {
    w = await withStep();
    a = await alone();
  }
  const processed = w[0];
  const m = processed.step ? toPhotoResult(processed.step, processed.width) : { scale: null, measurement: null };
  let scaleErr: number | null = null;
  if (m.scale && truth.markerCornersPx) {
    const c = truth.markerCornersPx;
    const side = c.reduce((s, p, k) => s + Math.hypot(c[(k + 1) % 4]![0] - p[0], c[(k + 1) % 4]![1] - p[1]), 0) / 4;
    scaleErr = (m.scale.markerSidePx / side - 1) * 100;
  }
  return {
    spec,
    truth,
    found: m.scale !== null,
    dErr: m.measurement ? (m.measurement.longestDiameterMm / truth.longestDiameterMm - 1) * 100 : null,
    aErr: m.measurement ? (m.measurement.areaMm2 / truth.areaMm2 - 1) * 100 : null,
    scaleErr,
    tPipe: a[1],
    tWith: w[1],
    tMeasure,
    cPipe: a[2],
    cWith: w[2],
  };
}
