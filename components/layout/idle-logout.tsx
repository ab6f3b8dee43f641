"use client";
/**
 * Ends the visible session after 15 minutes without input, for shared clinic computers. The server
 * enforces the same limit on its own; this only makes the screen follow it.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { signOutAction } from "@/app/actions/auth";

const IDLE_MS = 15 * 60 * 1000;

export function IdleLogout() {
  const router = useRouter();
  useEffect(() => {
    let timer = setTimeout(expire, IDLE_MS);
    function expire() {
      void signOutAction().finally(() => router.replace("/sign-in?idle=1"));
    }
    function reset() {
      clearTimeout(timer);
      timer = setTimeout(expire, IDLE_MS);
    }
    const events = ["pointerdown", "keydown", "scroll", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [router]);
  return null;
}
