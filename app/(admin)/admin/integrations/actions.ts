"use server";
/** Server actions of the integrations screen: the same endpoints as /api/v1/ehr-connections and /api/v1/fhir-clients. */
import { revalidatePath } from "next/cache";
import { createEhrConnectionEndpoint, createFhirClientEndpoint, stopFhirSubscriptionEndpoint, updateEhrConnectionEndpoint, updateFhirClientEndpoint } from "@/lib/endpoints/smart";
import { serverAction } from "@/lib/http/action";

const text = (f: FormData, key: string) => String(f.get(key) ?? "").trim();
const after = () => revalidatePath("/admin/integrations");

const create = serverAction(createEhrConnectionEndpoint, {
  input: (f) => ({ name: text(f, "name"), iss: text(f, "iss"), clientId: text(f, "clientId"), clinicId: text(f, "clinicId"), scopes: text(f, "scopes") || undefined, ...(text(f, "clientSecret") ? { clientSecret: text(f, "clientSecret") } : {}) }),
  after,
});
const update = serverAction(updateEhrConnectionEndpoint, {
  input: (f) => {
    const intent = text(f, "intent");
    const body = intent === "save" ? { name: text(f, "name"), scopes: text(f, "scopes"), ...(text(f, "clientSecret") ? { clientSecret: text(f, "clientSecret") } : {}) } : { active: intent === "activate" };
    return { id: text(f, "id"), body };
  },
  after,
});

export async function createConnectionAction(...args: Parameters<typeof create>) {
  return create(...args);
}

export async function updateConnectionAction(...args: Parameters<typeof update>) {
  return update(...args);
}

/** Pasted JWKS text as JSON; text that is not JSON goes on as is, so the schema names the field. */
function jwksOf(f: FormData): unknown {
  const raw = text(f, "jwks");
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const createClient = serverAction(createFhirClientEndpoint, {
  input: (f) => {
    const jwks = jwksOf(f);
    return { name: text(f, "name"), clinicId: text(f, "clinicId"), scopes: text(f, "scopes"), ...(text(f, "jwksUrl") ? { jwksUrl: text(f, "jwksUrl") } : {}), ...(jwks === undefined ? {} : { jwks }) };
  },
  after,
});

export async function createFhirClientAction(...args: Parameters<typeof createClient>) {
  return createClient(...args);
}

const updateClient = serverAction(updateFhirClientEndpoint, {
  input: (f) => ({ id: text(f, "id"), body: { active: text(f, "intent") === "activate" } }),
  after,
});

/** Deactivate (intent=deactivate) or reactivate (intent=activate) a FHIR API client. */
export async function updateFhirClientAction(...args: Parameters<typeof updateClient>) {
  return updateClient(...args);
}

const stopSubscription = serverAction(stopFhirSubscriptionEndpoint, { input: (f) => ({ id: text(f, "id") }), after });

/** Stop a FHIR Subscription (the owner's DELETE, audited as the admin's). */
export async function stopSubscriptionAction(...args: Parameters<typeof stopSubscription>) {
  return stopSubscription(...args);
}
