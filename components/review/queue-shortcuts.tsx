"use client";
/** On the queue page, `b` starts a batch review, so the whole loop can be driven from the keyboard. */
import { useRouter } from "next/navigation";
import { isTypingTarget } from "./keyboard";
import { useWindowKeys } from "./use-window-keys";

export function QueueShortcuts() {
  const router = useRouter();
  useWindowKeys((e) => {
    if (e.key !== "b" || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
    e.preventDefault();
    router.push("/specialist/review?start=1");
  });
  return null;
}
