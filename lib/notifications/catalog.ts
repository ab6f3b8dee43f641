/**
 * Every notification DermRelay sends about the review loop, in one place so their wording can be
 * checked for PHI at a glance: titles name what happened ("a referral"), never whose referral or
 * what it says. Links point at pages that require sign-in and carry only case ids.
 */
import type { NewNotification } from "./create";

/** Notification kinds of the review loop. */
export const NOTIFICATION_KINDS = {
  urgentQueued: "case.urgent_queued",
  replied: "case.replied",
  infoRequested: "case.info_requested",
  infoAnswered: "case.info_answered",
  claimExpired: "case.claim_expired",
  submissionHeld: "case.submission_held",
} as const;

/** An urgent case entered the queue: for every specialist. */
export function urgentQueuedNotice(caseId: string): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.urgentQueued,
    title: "An urgent referral has entered the queue",
    link: `/specialist/review?case=${caseId}`,
    caseId,
    dedupeKey: `urgent:${caseId}`,
  };
}

/** A specialist replied: for the referring clinic. */
export function repliedNotice(caseId: string): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.replied,
    title: "A specialist has replied to a referral",
    link: `/clinic/cases/${caseId}`,
    caseId,
    dedupeKey: `reply:${caseId}`,
  };
}

/** A specialist asked a question: for the referring clinic. */
export function infoRequestedNotice(caseId: string, messageId: string): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.infoRequested,
    title: "A specialist has asked for more information about a referral",
    link: `/clinic/cases/${caseId}`,
    caseId,
    dedupeKey: `info-request:${messageId}`,
  };
}

/** The clinic answered: for the specialist who asked. */
export function infoAnsweredNotice(caseId: string, messageId: string): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.infoAnswered,
    title: "A clinic has answered your question; the referral is back in the queue",
    link: `/specialist/review?case=${caseId}`,
    caseId,
    dedupeKey: `info-response:${messageId}`,
  };
}

/** An idle claim was returned to the queue: in-app only, for the specialist who held it. */
export function claimExpiredNotice(caseId: string, claimedAt: Date | null): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.claimExpired,
    title: "A referral you had open went back to the queue after 30 idle minutes",
    link: `/specialist/review?case=${caseId}`,
    caseId,
    dedupeKey: `claim-expired:${caseId}:${claimedAt?.getTime() ?? 0}`,
    email: false,
  };
}

/** A referral sent to be submitted once its photos were processed could not be: for the clinic. */
export function submissionHeldNotice(caseId: string): NewNotification {
  return {
    kind: NOTIFICATION_KINDS.submissionHeld,
    title: "A referral from your record system was not submitted and needs your attention",
    link: `/clinic/cases/${caseId}`,
    caseId,
    dedupeKey: `submission-held:${caseId}`,
  };
}
