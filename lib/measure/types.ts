/**
 * What a photo carries once measured (SPEC §15), shared by the worker, the photo DTO and the
 * viewer. Coordinates are in pixels of the stored master rendition (the photo's `width` ×
 * `height`), so the viewer can draw them on any rendition by scaling.
 */
import { z } from "zod";

const point = z.tuple([z.number(), z.number()]);

export const photoScaleSchema = z.object({
  /** Millimetres per master pixel at the marker's centre. */
  mmPerPixel: z.number().positive(),
  markerId: z.number().int().min(0),
  /** Mean side of the marker's black square, master pixels. */
  markerSidePx: z.number().positive(),
  /** 0–1; below 0.5 a detection is not stored at all. */
  confidence: z.number().min(0).max(1),
  /** The printed side the scale assumes (the clinic's setting at processing time). */
  markerSideMm: z.number().positive(),
  /** Marker corners (master pixels), code order. */
  corners: z.array(point).length(4),
  /** Master pixels → skin plane in mm, row-major 3×3: tilt-corrected lengths and areas anywhere in the plane. */
  homography: z.array(z.number()).length(9),
});
export type PhotoScale = z.infer<typeof photoScaleSchema>;

export const photoMeasurementSchema = z.object({
  kind: z.literal("auto"),
  longestDiameterMm: z.number().positive(),
  areaMm2: z.number().positive(),
  /** Lesion outline, master pixels. */
  outline: z.array(point).min(3),
  /** End points of the longest diameter, master pixels. */
  diameter: z.tuple([point, point]),
  confidence: z.number().min(0).max(1),
});
export type PhotoMeasurement = z.infer<typeof photoMeasurementSchema>;
