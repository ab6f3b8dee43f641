/** Endpoint of the PDF reply letter (SPEC §12): authorized and audited by the letter service. */
import { defineEndpoint } from "../http/endpoint";
import { replyLetterForActor } from "../letters/reply-letter";
import { idInput } from "./ids";

export const replyLetterEndpoint = defineEndpoint({
  name: "cases.letter",
  roles: "any",
  input: idInput,
  smartRead: "DiagnosticReport",
  run: (db, ctx, { id }) => replyLetterForActor(db, ctx, id),
});
