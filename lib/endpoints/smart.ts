/**
 * Endpoints of SMART on FHIR administration (SPEC §13): EHR connections DermRelay launches from,
 * and the system clients of its FHIR API (Backend Services).
 */
import { z } from "zod";
import { defineEndpoint } from "../http/endpoint";
import { createConnection, getConnection, listConnections, updateConnection } from "../smart/connections";
import { createFhirClient, listFhirClients, updateFhirClient } from "../smart/fhir-clients";
import { listSubscriptionsForAdmin, stopSubscriptionAsAdmin } from "../fhir/subscription-admin";
import { idAndBodyInput, idInput } from "./ids";

const ADMIN = ["admin"] as const;

export const listEhrConnectionsEndpoint = defineEndpoint({ name: "ehrConnections.list", roles: ADMIN, input: z.undefined(), run: (db, ctx) => listConnections(db, ctx) });

/** `{name, iss, clientId, clientSecret?, clinicId, scopes?}`; the secret is sealed and never returned. */
export const createEhrConnectionEndpoint = defineEndpoint({ name: "ehrConnections.create", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => createConnection(db, ctx, body) });

export const getEhrConnectionEndpoint = defineEndpoint({ name: "ehrConnections.get", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => getConnection(db, ctx, id) });

/** Change any field; `clientSecret: null` removes the secret, leaving it out keeps it. */
export const updateEhrConnectionEndpoint = defineEndpoint({ name: "ehrConnections.update", roles: ADMIN, input: idAndBodyInput, run: (db, ctx, { id, body }) => updateConnection(db, ctx, id, body) });

export const listFhirClientsEndpoint = defineEndpoint({ name: "fhirClients.list", roles: ADMIN, input: z.undefined(), run: (db, ctx) => listFhirClients(db, ctx) });

/** `{name, clinicId, jwks | jwksUrl, scopes}` (SMART v2 system scopes). */
export const createFhirClientEndpoint = defineEndpoint({ name: "fhirClients.create", roles: ADMIN, input: z.unknown(), run: (db, ctx, body) => createFhirClient(db, ctx, body) });

/** Deactivate or reactivate, change scopes, rotate inline keys. */
export const updateFhirClientEndpoint = defineEndpoint({ name: "fhirClients.update", roles: ADMIN, input: idAndBodyInput, run: (db, ctx, { id, body }) => updateFhirClient(db, ctx, id, body) });

/** Every FHIR Subscription (owner, clinic, criteria, endpoint origin, status): the integrations screen's list. */
export const listFhirSubscriptionsEndpoint = defineEndpoint({ name: "fhirSubscriptions.list", roles: ADMIN, input: z.undefined(), run: (db, ctx) => listSubscriptionsForAdmin(db, ctx) });

/** Stop a Subscription: what its owner's FHIR DELETE does, audited as the administrator's. */
export const stopFhirSubscriptionEndpoint = defineEndpoint({ name: "fhirSubscriptions.stop", roles: ADMIN, input: idInput, run: (db, ctx, { id }) => stopSubscriptionAsAdmin(db, ctx, id) });
