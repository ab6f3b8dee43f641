/** Input schemas shared by endpoints: a route's `[id]` segment (any string; services answer 404 for unknown ids). */
import { z } from "zod";

export const idInput = z.object({ id: z.string() });
/** An `[id]` plus a JSON body the service validates itself (its field paths stay the SPEC's). */
export const idAndBodyInput = z.object({ id: z.string(), body: z.unknown() });
