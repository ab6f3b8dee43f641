/**
 * Endpoints of a referral's lifecycle (SPEC §4): each is defined once here and carried to HTTP by
 * app/api/v1/cases/… route handlers. Logic stays in lib/cases; these only say who may call and
 * what the input is.
 */
import { acknowledgeCase, submitCase, withdrawCase } from "../cases/lifecycle";
import { defineEndpoint } from "../http/endpoint";
import { idInput } from "./ids";

export const submitCaseEndpoint = defineEndpoint({
  name: "cases.submit",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => submitCase(db, ctx, id),
});

export const withdrawCaseEndpoint = defineEndpoint({
  name: "cases.withdraw",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => withdrawCase(db, ctx, id),
});

export const acknowledgeCaseEndpoint = defineEndpoint({
  name: "cases.acknowledge",
  roles: ["referrer"],
  input: idInput,
  run: (db, ctx, { id }) => acknowledgeCase(db, ctx, id),
});
