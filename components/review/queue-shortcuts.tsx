"use client";
/** On the queue page, `b` starts a batch review, so the whole loop can be driven from the keyboard. */
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { isTypingTarget } from "./keyboard";

export function QueueShortcuts() {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "b" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      e.preventDefault();
      router.push("/specialist/review?start=1");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router]);
  return null;
}
