/** The acting user as every service sees it, plus the request facts that go into audit rows. */
import type { Role } from "../db/schema/enums";

export type Actor = {
  id: string;
  role: Role;
  clinicId: string | null;
  email: string;
  name: string;
  sessionId: string | null;
  /** Set when the role must use two-factor sign-in and the user has not set it up yet. */
  mfaSetupRequired?: boolean;
};

/** Passed to every service: who acts, and the request identifiers their audit rows carry. */
export type RequestContext = {
  actor: Actor;
  requestId: string;
  ip: string | null;
};

/** A context for work the system does on its own (worker jobs, seed), audited as such. */
export type SystemContext = { actor: null; requestId: string; ip: string | null };

export type AnyContext = RequestContext | SystemContext;
