/**
 * Information requests and answers as FHIR Communication (id = message id): an answer's
 * `inResponseTo` names the question it answers (the latest question before it).
 */
import type { Communication } from "fhir/r4";
import type { CaseGraph, MessageRowF } from "../graph";
import { metaOf, ref } from "./refs";

export function toCommunication(g: CaseGraph, m: MessageRowF): Communication {
  const question =
    m.kind === "info_response"
      ? g.messages.filter((q) => q.kind === "info_request" && q.createdAt <= m.createdAt).at(-1)
      : undefined;
  const fromClinic = m.authorRole === "referrer";
  const author = m.authorId ? ref("Practitioner", m.authorId) : null;
  return {
    resourceType: "Communication",
    id: m.id,
    meta: metaOf(m.createdAt),
    basedOn: [ref("ServiceRequest", g.case.id)],
    ...(question ? { inResponseTo: [ref("Communication", question.id)] } : {}),
    status: "completed",
    category: [{ text: m.kind === "info_request" ? "Information request" : m.kind === "info_response" ? "Information response" : "Note" }],
    subject: ref("Patient", g.patient.id),
    about: [ref("Task", g.case.id)],
    sent: m.createdAt.toISOString(),
    ...(fromClinic ? {} : { recipient: [ref("Organization", g.clinic.id)] }),
    ...(author ? { sender: author } : {}),
    payload: [{ contentString: m.body }],
  };
}
