/** The result shape of every admin server action; safe to import from client components. */
export type ActionState = { ok: boolean; message: string | null; fields: Record<string, string[]> };

export const IDLE: ActionState = { ok: false, message: null, fields: {} };
