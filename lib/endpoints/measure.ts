/**
 * Endpoints of measured photos (SPEC §15): the printable calibration sheet, and the manual
 * measurements a specialist saves on a photo.
 */
import { defineEndpoint } from "../http/endpoint";
import { calibrationSheetPdf, calibrationSheetQuery } from "../measure/calibration-sheet";
import { listManualMeasurements, saveManualMeasurement } from "../measure/manual";
import { markerSideFor } from "../measure/marker-side";
import { idAndBodyInput, idInput } from "./ids";

/** A4 PDF of stickers; the side defaults to the caller's clinic setting. */
export const calibrationSheetEndpoint = defineEndpoint({
  name: "measure.calibrationSheet",
  roles: "any",
  input: calibrationSheetQuery,
  run: async (db, ctx, q) => {
    const side = q.sideMm ?? (await markerSideFor(db, ctx.actor));
    return { pdf: await calibrationSheetPdf(side, q.firstId ?? 0), side };
  },
});

export const listMeasurementsEndpoint = defineEndpoint({
  name: "photos.measurements.list",
  roles: "any",
  input: idInput,
  run: (db, ctx, { id }) => listManualMeasurements(db, ctx, id),
});

export const saveMeasurementEndpoint = defineEndpoint({
  name: "photos.measurements.save",
  roles: ["specialist"],
  input: idAndBodyInput,
  run: (db, ctx, { id, body }) => saveManualMeasurement(db, ctx, id, body),
});
