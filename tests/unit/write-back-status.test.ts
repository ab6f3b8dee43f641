/**
 * The referrer's words for a write-back (SPEC §13): "Filing in the EHR…" while queued or sending,
 * the error and the retry time while the job retries, and "Write-back pending: open it from the
 * EHR" with what to do only when a launch from the EHR is what it waits for.
 */
import { describe, expect, it } from "vitest";
import { writeBackText } from "@/components/smart/write-back-status";

describe("write-back status words", () => {
  it("queued or being sent: filing, no call to action", () => {
    expect(writeBackText({ status: "sending" })).toMatchObject({ title: "Filing in the EHR…", detail: null, refresh: true });
  });

  it("retrying after an error: says so, with the next try's time when it is known", () => {
    const t = writeBackText({ status: "retrying", reason: "EHR unreachable", retryAt: "2026-12-01T15:00:08Z" })!;
    expect(t.title).toBe("Filing in the EHR did not work yet (EHR unreachable): DermRelay tries again at 1 Dec 2026, 15:00:08 UTC.");
    expect(t.title).not.toContain("open it from the EHR");
    expect(writeBackText({ status: "retrying", reason: "EHR answered 503", retryAt: null })!.title).toMatch(/tries again shortly\.$/);
  });

  it("no usable token (or retries used up, or the connection off): open it from the EHR, and what to do", () => {
    const t = writeBackText({ status: "waiting_for_launch", hold: "no_token" })!;
    expect(t).toMatchObject({ tone: "attention", title: "Write-back pending: open it from the EHR", refresh: false });
    expect(t.detail).toMatch(/launch DermRelay from it/);
    expect(writeBackText({ status: "waiting_for_launch", hold: "retries_exhausted" })!.detail).toMatch(/could not be reached/);
    expect(writeBackText({ status: "waiting_for_launch", hold: "connection_inactive" })!.detail).toMatch(/administrator/);
  });

  it("filed: the time; nothing for a case not launched from an EHR", () => {
    expect(writeBackText({ status: "filed", filedAt: "2026-12-01T14:30:00Z" })!.title).toBe("Filed in the EHR · 1 Dec 2026, 14:30 UTC");
    expect(writeBackText(null)).toBeNull();
  });
});

describe("when a failed job is tried again", () => {
  const job = (attemptsMade: number) => ({ attemptsMade, opts: { attempts: 5, backoff: { type: "exponential", delay: 2000 } } });
  it("follows the job's own backoff, and is null on its last attempt", async () => {
    const { retryAfterFailure } = await import("@/lib/queue/job-context");
    expect(retryAfterFailure(job(0), 0)?.getTime()).toBe(2000);
    expect(retryAfterFailure(job(2), 0)?.getTime()).toBe(8000);
    expect(retryAfterFailure(job(4), 0)).toBeNull();
    expect(retryAfterFailure({ attemptsMade: 0, opts: {} }, 0)).toBeNull();
  });
});
