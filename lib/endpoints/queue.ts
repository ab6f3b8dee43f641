/** Endpoints of the specialists' queue (SPEC §5): the page and claim-next. */
import { defineEndpoint } from "../http/endpoint";
import { claimNext } from "../reviews/claim-next";
import { listQueue, queueQuerySchema } from "../reviews/queue";
import { z } from "zod";

export const queuePageEndpoint = defineEndpoint({
  name: "queue.page",
  roles: ["specialist"],
  input: queueQuerySchema,
  run: (db, ctx, q) => listQueue(db, ctx, q),
});

/** The claimed case, or null when the queue is empty. */
export const claimNextEndpoint = defineEndpoint({
  name: "queue.claimNext",
  roles: ["specialist"],
  input: z.undefined(),
  run: (db, ctx) => claimNext(db, ctx),
});
