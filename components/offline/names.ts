/**
 * Names the offline pieces share (plain constants, no "use client", so the service worker route
 * on the server and the browser code read the same values): the IndexedDB database of photos kept
 * on the device, the Cache Storage prefix of the service worker, its scope and its offline shell.
 */
export const OFFLINE_DB = "dermrelay-offline";
export const SHELL_CACHE_PREFIX = "dermrelay-shell-";
export const OFFLINE_SHELL_PATH = "/clinic/cases/offline";
export const SERVICE_WORKER_SCOPE = "/clinic/cases/";
export const SERVICE_WORKER_URL = "/sw.js";
