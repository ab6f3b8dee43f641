/** The conversation on a case: the dermatologist's questions and the clinic's answers, oldest first. */
import type { CaseMessage } from "./types";
import { labelOf, MESSAGE_KIND_LABEL, ROLE_LABEL } from "@/lib/vocabulary";
import { formatDateTime } from "./format";


export function MessagesThread({ messages }: { messages: CaseMessage[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-600">No messages on this case.</p>;
  return (
    <ol className="space-y-3">
      {messages.map((m) => {
        const fromClinic = m.authorRole === "referrer";
        return (
          <li key={m.id} className={`rounded-lg border p-3 text-sm ${fromClinic ? "ml-6 border-slate-200 bg-white" : "mr-6 border-amber-200 bg-amber-50"}`}>
            <p className="text-xs font-medium text-slate-600">
              {labelOf(MESSAGE_KIND_LABEL, m.kind)} · {m.authorRole ? labelOf(ROLE_LABEL, m.authorRole) : "DermRelay"} · <time dateTime={m.at}>{formatDateTime(m.at)}</time>
            </p>
            <p className="mt-1 whitespace-pre-wrap">{m.body}</p>
          </li>
        );
      })}
    </ol>
  );
}
