"use client";
/**
 * Registers the wizard's service worker (app/sw.js) — rendered only by the draft wizard and its
 * offline shell, so no other screen installs it. Scope /clinic/cases/: it controls the wizard
 * pages only. Production builds only: in development the static chunks are not content-hashed and
 * a cache-first worker would serve stale code.
 */
import { useEffect } from "react";
import { SERVICE_WORKER_SCOPE, SERVICE_WORKER_URL } from "./names";

export function RegisterServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: SERVICE_WORKER_SCOPE }).catch(() => undefined);
  }, []);
  return null;
}
