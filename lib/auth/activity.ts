/**
 * The idle limit of automatic logoff (SPEC §9): SESSION_IDLE_MINUTES (1–15) without a person's
 * action ends a session on the server (lib/auth/sessions.ts). Which requests count as a person's
 * action is decided in lib/auth/background.ts.
 */
import { env } from "../env";

/** Minutes without a person's action after which the server ends a session. */
export const IDLE_MINUTES = env.SESSION_IDLE_MINUTES;
export const IDLE_TIMEOUT_MS = IDLE_MINUTES * 60 * 1000;
