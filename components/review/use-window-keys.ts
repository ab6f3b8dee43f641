"use client";
/**
 * A keydown listener on the window that always runs the latest `onKey`. It is added once, when the
 * component mounts, and the handler it calls is swapped in the same commit that renders new state.
 * Re-adding the listener in an effect whenever its state changed (a dialog closed, a photo loaded)
 * left a gap between the screen showing the new state and the key working again: a `+` pressed
 * right after Esc closed the shortcuts list was lost.
 */
import { useLayoutEffect, useRef } from "react";

export function useWindowKeys(onKey: (e: KeyboardEvent) => void): void {
  const latest = useRef(onKey);
  useLayoutEffect(() => {
    latest.current = onKey;
  });
  useLayoutEffect(() => {
    const listener = (e: KeyboardEvent) => latest.current(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);
}
