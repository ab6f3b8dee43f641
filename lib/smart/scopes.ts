/**
 * SMART clinical scopes (App Launch 2.x, SPEC §13): parsing v2 (`system/Task.rs`) and v1
 * (`system/Task.read`) forms, and what a backend client is granted out of what it asks for.
 * lib/fhir/auth.ts checks interactions against the parsed form; no imports, so both the FHIR
 * auth and the token endpoint can use it without a cycle.
 */

const V1_EQUIVALENT: Record<string, string> = { read: "rs", write: "cud", "*": "cruds" };
const V2_ORDER = "cruds";

/** A SMART clinical scope taken apart: `system/Task.rs` → system, Task, "rs" (v1 forms as v2 letters). */
export type ParsedScope = { context: "system" | "user" | "patient"; type: string; letters: string };

/**
 * Parse a SMART v2 (`system/Task.rs`, `patient/*.cruds`, `user/…`) or v1 (`system/Task.read`,
 * `.write`, `.*`) clinical scope; null for anything else — including query-limited scopes
 * (`system/Task.rs?status=…`), which are not honoured as grants, and v2 letters out of order.
 */
export function parseScope(scope: string): ParsedScope | null {
  const m = /^(system|user|patient)\/([A-Za-z]+|\*)\.([a-z*]+)$/.exec(scope);
  if (!m) return null;
  const letters = V1_EQUIVALENT[m[3]!] ?? (/^c?r?u?d?s?$/.test(m[3]!) ? m[3]! : "");
  return letters ? { context: m[1] as ParsedScope["context"], type: m[2]!, letters } : null;
}

/** `a` ∩ `b` as v2 letters in their canonical order (c r u d s). */
export const commonLetters = (a: string, b: string) => [...V2_ORDER].filter((l) => a.includes(l) && b.includes(l)).join("");

/**
 * The scopes to grant for `requested` under the `registered` ones (SMART App Launch 2.x):
 * a requested scope covered by the registration is granted as asked (v2 letters or v1
 * `read`/`write`/`*`); one that asks for more is narrowed to the letters registered for its
 * type (`system/Task.cruds` under `system/Task.rs` → `system/Task.rs`); a wildcard type
 * (`system/*.rs`) is granted per registered type. Whatever the registration does not cover at
 * all — another context, another type, unparseable or query-limited scopes — is left out.
 */
export function grantScopes(registered: string[], requested: string[]): string[] {
  const held = registered.map(parseScope).filter((p) => p !== null);
  const granted = new Set<string>();
  for (const scope of requested) {
    const want = parseScope(scope);
    if (!want) continue;
    const sameContext = held.filter((h) => h.context === want.context);
    if (want.type === "*") {
      for (const h of sameContext) {
        const letters = commonLetters(h.letters, want.letters);
        if (letters) granted.add(`${want.context}/${h.type}.${letters}`);
      }
      continue;
    }
    const allowed = sameContext.filter((h) => h.type === "*" || h.type === want.type).map((h) => h.letters).join("");
    const letters = commonLetters(allowed, want.letters);
    if (letters === want.letters) granted.add(scope);
    else if (letters) granted.add(`${want.context}/${want.type}.${letters}`);
  }
  return [...granted];
}
