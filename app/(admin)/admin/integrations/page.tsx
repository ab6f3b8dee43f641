import type { Metadata } from "next";
import { listClinics } from "@/lib/clinics/service";
import { requirePageContext } from "@/lib/auth/page";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DEFAULT_LAUNCH_SCOPES, listConnections } from "@/lib/smart/connections";
import { listFhirClients } from "@/lib/smart/fhir-clients";
import { REDIRECT_PATH } from "@/lib/smart/oauth";
import { ConnectionRow, CreateConnectionForm } from "@/components/smart/ehr-connection-forms";
import { CreateFhirClientForm } from "@/components/smart/fhir-client-form";
import { FhirClientRow, SubscriptionStop } from "@/components/smart/integration-controls";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { listSubscriptionsForAdmin } from "@/lib/fhir/subscription-admin";
import { formatDate } from "@/components/cases/format";
import { createConnectionAction, createFhirClientAction, stopSubscriptionAction, updateConnectionAction, updateFhirClientAction } from "./actions";

const TH = "px-2 py-2 font-medium";
const TD = "px-2 py-2 align-top";

export const metadata: Metadata = { title: "Integrations" };
export const dynamic = "force-dynamic";

export default async function IntegrationsPage() {
  const ctx = await requirePageContext("admin");
  const [{ items }, clinics, clients, subscriptions] = await Promise.all([listConnections(db, ctx), listClinics(db, ctx), listFhirClients(db, ctx), listSubscriptionsForAdmin(db, ctx)]);
  const activeClinics = clinics.items.filter((c) => c.active);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Integrations</h1>
      <section aria-labelledby="register-title" className="rounded-lg border border-brand-600/30 bg-brand-50 p-4 text-sm">
        <h2 id="register-title" className="mb-2 text-lg font-semibold">Registering DermRelay in an EHR</h2>
        <dl className="grid gap-1 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">Launch URL</dt>
          <dd><code>{env.APP_URL}/smart/launch</code></dd>
          <dt className="font-medium">Redirect URL</dt>
          <dd><code>{env.APP_URL}{REDIRECT_PATH}</code></dd>
          <dt className="font-medium">Scopes</dt>
          <dd><code>{DEFAULT_LAUNCH_SCOPES}</code></dd>
        </dl>
      </section>
      <CreateConnectionForm action={createConnectionAction} clinics={activeClinics} defaultScopes={DEFAULT_LAUNCH_SCOPES} />
      <section aria-labelledby="ehrs-title">
        <h2 id="ehrs-title" className="mb-3 text-lg font-semibold">EHR connections</h2>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">No EHR is registered yet. Register one above; its clinicians can then open DermRelay from a patient&apos;s chart.</p>
        ) : (
          <ul className="space-y-3">{items.map((c) => <ConnectionRow key={c.id} connection={c} action={updateConnectionAction} />)}</ul>
        )}
      </section>
      <section aria-labelledby="clients-title">
        <h2 id="clients-title" className="mb-3 text-lg font-semibold">FHIR API clients (SMART Backend Services)</h2>
        <p className="mb-2 text-sm text-slate-600">Registered here or through <code>POST /api/v1/fhir-clients</code>. Token endpoint: <code>{env.APP_URL}/oauth/token</code>.</p>
        <CreateFhirClientForm action={createFhirClientAction} clinics={activeClinics} />
        {clients.items.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No system clients yet. Register one above with its public keys and scopes.</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {clients.items.map((c) => <FhirClientRow key={c.id} client={c} action={updateFhirClientAction} />)}
          </ul>
        )}
      </section>
      <section aria-labelledby="subscriptions-title">
        <h2 id="subscriptions-title" className="mb-3 text-lg font-semibold">FHIR Subscriptions (rest-hook)</h2>
        <p className="mb-2 text-sm text-slate-600">Where DermRelay pushes changes to Tasks and DiagnosticReports. Only each endpoint&apos;s origin is shown; its headers are never shown.</p>
        {subscriptions.items.length === 0 ? (
          <p className="text-sm text-slate-600">No Subscriptions yet. Receiving systems create them through the FHIR API.</p>
        ) : (
          <ScrollRegion label="FHIR Subscriptions" className="rounded-lg border border-slate-200 bg-white shadow-sm">
            <table className="min-w-full text-sm">
              <caption className="sr-only">FHIR Subscriptions, newest first</caption>
              <thead>
                <tr className="border-b border-slate-200 bg-slate-50 text-left text-slate-600">
                  <th scope="col" className={TH}>Owner</th>
                  <th scope="col" className={TH}>Clinic</th>
                  <th scope="col" className={TH}>Criteria</th>
                  <th scope="col" className={TH}>Endpoint origin</th>
                  <th scope="col" className={TH}>Status</th>
                  <th scope="col" className={TH}>Last error</th>
                  <th scope="col" className={TH}>Created</th>
                  <th scope="col" className={TH}>Action</th>
                </tr>
              </thead>
              <tbody>
                {subscriptions.items.map((s) => (
                  <tr key={s.id} className="border-b border-slate-100 last:border-0" data-testid="subscription-row" data-subscription-id={s.id}>
                    <th scope="row" className={`${TD} text-left font-normal`}>
                      {s.ownerName} <span className="text-slate-500">({s.ownerKind === "client" ? "API client" : "user"})</span>
                    </th>
                    <td className={TD}>{s.clinicName ?? <span className="text-slate-500">—</span>}</td>
                    <td className={TD}><code>{s.criteria}</code></td>
                    <td className={TD}><code>{s.endpointOrigin}</code></td>
                    <td className={TD}>{s.status}</td>
                    <td className={TD}>{s.error ?? <span className="text-slate-500">—</span>}</td>
                    <td className={`${TD} whitespace-nowrap`}><time dateTime={s.createdAt}>{formatDate(s.createdAt)}</time></td>
                    <td className={TD}><SubscriptionStop subscription={s} action={stopSubscriptionAction} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
