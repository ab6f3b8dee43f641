/**
 * The body of a case page — reply, messages, history and photos beside the status timeline —
 * shared by the clinic's and the administrator's views. Each view adds its own panels first
 * (`lead`) and anything under the messages (the clinic's answer form).
 */
import type { ReactNode } from "react";
import type { CaseDetail } from "@/lib/cases/detail";
import { CasePhotos } from "./case-photos";
import { CaseTimeline } from "./case-timeline";
import { ConsultationReply } from "./consultation-reply";
import { ReplyMeasurements } from "./reply-measurements";
import { HistorySummary } from "./history-summary";
import { MessagesThread } from "./messages-thread";
import { Panel } from "./panel";

export function CaseRecord({
  c,
  lead,
  afterMessages,
  showEmptyMessages = false,
}: {
  c: CaseDetail;
  lead?: ReactNode;
  afterMessages?: ReactNode;
  showEmptyMessages?: boolean;
}) {
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="min-w-0 space-y-6">
        {lead}
        {c.consultation && (
          <Panel title="Dermatologist's reply" id="reply">
            <ConsultationReply reply={c.consultation} />
            <ReplyMeasurements photos={c.photos} />
          </Panel>
        )}
        {(c.messages.length > 0 || showEmptyMessages) && (
          <Panel title="Messages" id="messages">
            <MessagesThread messages={c.messages} />
            {afterMessages}
          </Panel>
        )}
        <Panel title="History" id="history">
          <HistorySummary history={c.history} />
        </Panel>
        <Panel title="Photos" id="photos">
          <CasePhotos photos={c.photos} />
        </Panel>
      </div>
      <aside>
        <Panel title="Status timeline" id="timeline">
          <CaseTimeline events={c.events} />
        </Panel>
      </aside>
    </div>
  );
}
