"use client";
/**
 * Automatic logoff, browser side (SPEC §9). The server is the authority: it ends a session
 * SESSION_IDLE_MINUTES after the last request a person made, and background requests never count
 * (lib/auth/background.ts). This component mirrors that clock so the screen follows it:
 * - a person's input in any tab of this browser is shared over a BroadcastChannel, and reported to
 *   the server (POST /api/session) at most every 20 s, so long typing without requests still counts;
 * - a minute before the deadline a "Still there?" dialog offers to stay signed in;
 * - at the deadline it asks the server (a background GET, which extends nothing) and signs out
 *   only if the server agrees, then tells the other tabs to follow.
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { IDLE_WARNING_MS } from "@/lib/auth/background";
import { api } from "@/components/api/client";
import { forgetDevice } from "@/components/cases/wizard/offline-store";

const CHANNEL = "dermrelay-activity";
const REPORT_EVERY_MS = 20_000;
const INPUT_EVENTS = ["pointerdown", "keydown", "scroll", "touchstart", "input"] as const;

type Message = { type: "activity"; at: number } | { type: "reported"; at: number } | { type: "signed-out" };
type SessionClock = { idleExpiresAt: string | null };

/** The sign-out server action (app/actions/auth.ts): as a form action, or called with "idle" by the timer. */
export type SignOut = (form?: FormData | "idle") => Promise<void>;

export function IdleLogout({ idleMinutes, signOut }: { idleMinutes: number; signOut: SignOut }) {
  const router = useRouter();
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const stayRef = useRef<() => void>(() => undefined);
  const stayButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const idleMs = idleMinutes * 60_000;
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(CHANNEL);
    const send = (m: Message) => channel?.postMessage(m);
    // What the server knows: its last-seen time is `reportedAt` (or later); the deadline follows.
    let reportedAt = Date.now();
    let lastActivity = reportedAt;
    let lastBroadcast = 0;
    let reporting = false;
    let ended = false;

    const adopt = (clock: SessionClock | null) => {
      if (clock?.idleExpiresAt) reportedAt = Math.max(reportedAt, Date.parse(clock.idleExpiresAt) - idleMs);
    };
    const ask = async (method: "GET" | "POST"): Promise<SessionClock | null> => {
      const r = await api<SessionClock>("/api/session", { method, background: method === "GET" });
      if (r.ok) return r.data;
      // Signed out already: the clock has ended. Offline or another failure: keep the local clock.
      return r.code === "unauthenticated" ? { idleExpiresAt: null } : null;
    };
    const report = async () => {
      if (reporting) return;
      reporting = true;
      const at = Date.now();
      const clock = await ask("POST");
      reporting = false;
      if (clock?.idleExpiresAt) {
        adopt(clock);
        send({ type: "reported", at });
      }
    };
    const end = async (tellOthers: boolean) => {
      if (ended) return;
      ended = true;
      if (tellOthers) send({ type: "signed-out" });
      // Photos kept offline go with the session, even if the sign-in page is never reached.
      await forgetDevice();
      await signOut("idle").catch(() => undefined);
      router.replace("/sign-in?idle=1");
    };

    const onInput = () => {
      const now = Date.now();
      lastActivity = now;
      setSecondsLeft(null);
      if (now - lastBroadcast > 2_000) {
        lastBroadcast = now;
        send({ type: "activity", at: now });
      }
      if (now - reportedAt > REPORT_EVERY_MS) void report();
    };
    stayRef.current = () => {
      lastActivity = Date.now();
      setSecondsLeft(null);
      void report();
    };
    if (channel) {
      channel.onmessage = (e: MessageEvent<Message>) => {
        const m = e.data;
        if (m.type === "signed-out") void end(false);
        else if (m.type === "reported") reportedAt = Math.max(reportedAt, m.at);
        else {
          lastActivity = Math.max(lastActivity, m.at);
          setSecondsLeft(null);
        }
      };
    }

    const tick = async () => {
      if (ended) return;
      const now = Date.now();
      // Input the server has not heard of yet is reported before it could lapse.
      if (lastActivity > reportedAt && (now - reportedAt > REPORT_EVERY_MS || reportedAt + idleMs - now < IDLE_WARNING_MS + 5_000)) {
        void report();
      }
      const left = reportedAt + idleMs - now;
      if (left <= 0) {
        const clock = await ask("GET");
        adopt(clock);
        if (clock && !clock.idleExpiresAt) return void end(true);
        if (reportedAt + idleMs - Date.now() <= 0) return void end(true);
        setSecondsLeft(null);
      } else if (left <= IDLE_WARNING_MS) {
        setSecondsLeft(Math.ceil(left / 1000));
      } else {
        setSecondsLeft(null);
      }
    };

    void ask("GET").then(adopt);
    const timer = setInterval(() => void tick(), 1_000);
    INPUT_EVENTS.forEach((e) => window.addEventListener(e, onInput, { passive: true }));
    return () => {
      clearInterval(timer);
      channel?.close();
      INPUT_EVENTS.forEach((e) => window.removeEventListener(e, onInput));
    };
  }, [idleMinutes, router, signOut]);

  const warning = secondsLeft !== null;
  useEffect(() => {
    if (warning) stayButton.current?.focus();
  }, [warning]);

  if (!warning) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-warning-title"
        aria-describedby="idle-warning-text"
        className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl"
        data-testid="idle-warning"
      >
        <h2 id="idle-warning-title" className="text-lg font-semibold">
          Still there?
        </h2>
        <p id="idle-warning-text" className="mt-2 text-sm text-slate-700">
          To protect patient information you will be signed out in{" "}
          <span className="font-semibold tabular-nums">{secondsLeft} s</span> unless you continue.
        </p>
        <div className="mt-4 flex gap-3">
          <button
            ref={stayButton}
            type="button"
            onClick={() => stayRef.current()}
            className="rounded-md bg-brand-700 px-3 py-1.5 font-medium text-white hover:bg-brand-800"
          >
            Stay signed in
          </button>
          <form action={signOut}>
            <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
              Sign out now
            </button>
          </form>
        </div>
      </div>
    </div>
  );
}
