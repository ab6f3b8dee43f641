/**
 * Hairs that touch a lesion where they lie close together or cross survive the hair filter as one
 * dark band; the outline then ran out along the band (bench seed 48: a 4.3 mm lesion measured as
 * 6.0 mm, +38.8 %). Rendered close-ups with five hairs through a small lesion and the strongest
 * blur of §15, measured as the worker does (processPhoto with the measurement step), must keep
 * the longest diameter within 4 %.
 */
import { describe, expect, it } from "vitest";
import { measureWorking, toPhotoResult } from "@/lib/measure/measure-photo";
import { processPhoto } from "@/lib/photos/process";
import { randomSpec, renderScene, type SceneSpec } from "../fixtures/measure-scene";

async function diameterError(spec: SceneSpec): Promise<number> {
  const scene = await renderScene(spec);
  const out = await processPhoto(scene.jpeg, (px) => measureWorking({ ...px, channels: px.channels as 3 }, { view: "closeup", markerSideMm: 20 }));
  const { measurement } = toPhotoResult(out.step!, out.width);
  expect(measurement).not.toBeNull();
  return measurement!.longestDiameterMm / scene.truth.longestDiameterMm - 1;
}

const hairy = (seed: number) => randomSpec(seed, { hairs: 5, blurSigma: 1.5, lesionDiameterMm: 3 + (seed % 4) });

describe("lesion outline with hairs across it", { timeout: 120_000 }, () => {
  // Before the fix: +44.5 %, +27.3 %, +26.9 % (the outline followed a band of hairs).
  it.each([19, 27, 37])("five blurred hairs through a small lesion (seed %i) → diameter within 4 %", async (seed) => {
    expect(Math.abs(await diameterError(hairy(seed)))).toBeLessThan(0.04);
  });

  it("the bench's 38.8 % outlier (seed 48: two almost parallel hairs leave the lesion together)", async () => {
    expect(Math.abs(await diameterError(randomSpec(48)))).toBeLessThan(0.04);
  });
});
