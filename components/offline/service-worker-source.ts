/**
 * The text of the wizard's service worker (served by app/sw.js/route.ts, registered with scope
 * /clinic/cases/ by register-service-worker.tsx). Kept as a string built here rather than a file in
 * public/ so every build gets its own version: a new version installs beside the old one, and on
 * activation the caches of every other version are deleted.
 *
 * What it keeps (Cache Storage `dermrelay-shell-<version>`), and nothing else:
 * - `/_next/static/…`: the build's content-hashed JS, CSS and fonts — cache first;
 * - the offline capture shell, /clinic/cases/offline: a page with no patient data (only the
 *   signed-in clinician's name in the header), fetched when the worker installs, its static
 *   assets with it, and refreshed on every online visit.
 * What it never keeps: API responses (/api/…, photos, PHI of any kind), RSC payloads, the wizard
 * page itself (it carries the patient and history) — those go to the network untouched.
 *
 * Offline (or after NAVIGATION_TIMEOUT_MS on a stalled connection), a navigation to a draft's
 * wizard, /clinic/cases/{id}/edit, is redirected to the shell with ?case={id}, where the photo
 * step keeps working from IndexedDB. The shell answers from its cached copy, whose stored headers
 * carry the CSP whose nonce matches the cached HTML. Sign-out deletes these caches
 * (components/cases/wizard/offline-store.ts `forgetDevice`).
 */
import { OFFLINE_SHELL_PATH, SHELL_CACHE_PREFIX } from "./names";

const NAVIGATION_TIMEOUT_MS = 8000;

export function serviceWorkerSource(version: string): string {
  const constants = {
    CACHE: `${SHELL_CACHE_PREFIX}${version}`,
    PREFIX: SHELL_CACHE_PREFIX,
    SHELL: OFFLINE_SHELL_PATH,
    TIMEOUT: NAVIGATION_TIMEOUT_MS,
  };
  return `"use strict";
const { CACHE, PREFIX, SHELL, TIMEOUT } = ${JSON.stringify(constants)};
const WIZARD = /^\\/clinic\\/cases\\/([0-9a-f-]{36})\\/edit$/;
const ASSET = /(?:\\/_next\\/)?(static\\/(?:chunks|css|media)\\/[^"'\\\\\\s)]+)/g;

async function keepShell(response) {
  if (!response.ok || response.redirected || new URL(response.url).pathname !== SHELL) return;
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  await cache.put(SHELL, response);
  const assets = new Set();
  for (const m of html.matchAll(ASSET)) assets.add("/_next/" + m[1]);
  await Promise.all([...assets].map(async (url) => {
    if (!(await cache.match(url))) await cache.add(url).catch(() => undefined);
  }));
}

async function fetchShell() {
  const response = await fetch(SHELL, { credentials: "same-origin", cache: "no-store" }).catch(() => null);
  if (response) await keepShell(response).catch(() => undefined);
}

self.addEventListener("install", (event) => {
  event.waitUntil(fetchShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

function network(request) {
  return Promise.race([
    fetch(request),
    new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), TIMEOUT)),
  ]);
}

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
  }
  return response;
}

async function shell(event) {
  try {
    const response = await network(event.request);
    event.waitUntil(keepShell(response.clone()).catch(() => undefined));
    return response;
  } catch {
    const cached = await caches.match(SHELL, { cacheName: CACHE });
    return cached ?? new Response("You are offline and this device has no copy of the photo step yet.", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
}

async function wizard(event, caseId) {
  try {
    const response = await network(event.request);
    if (!(await caches.match(SHELL, { cacheName: CACHE }))) event.waitUntil(fetchShell());
    return response;
  } catch {
    return Response.redirect(SHELL + "?case=" + caseId, 302);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) return event.respondWith(cacheFirst(request));
  if (request.mode !== "navigate") return;
  if (url.pathname === SHELL) return event.respondWith(shell(event));
  const m = WIZARD.exec(url.pathname);
  if (m) return event.respondWith(wizard(event, m[1]));
});
`;
}
