/**
 * Personal reply templates (SPEC §6): a specialist's own pre-filled consultation fields, inserted
 * into the reply form with one key. Each template belongs to one specialist; every query scopes by
 * owner in its `where`, so another specialist's template is simply "not found".
 */
import { and, asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { replyTemplates } from "../db/schema";
import { DISPOSITIONS } from "../db/schema/enums";
import type { RequestContext } from "../auth/actor";
import { audit } from "../audit/record";
import { Conflict, NotFound } from "../errors";
import { isDiagnosisCode } from "../codes/diagnosis-codes";
import { parseOrThrow } from "../validation";
import { requireReviewer } from "./claim-guard";

export const TEMPLATES_PER_USER_MAX = 100;

const field = (max: number) => z.string("Must be text").trim().max(max, `At most ${max} characters`).optional();

/** The consultation fields a template may pre-fill; all optional, unknown keys refused. */
export const templateFieldsSchema = z.strictObject({
  diagnosis: field(500),
  diagnosisCode: z
    .string("Must be text")
    .trim()
    .toUpperCase()
    .refine((v) => v === "" || isDiagnosisCode(v), { message: "Unknown diagnosis code" })
    .optional(),
  differential: field(4000),
  plan: field(4000),
  disposition: z.enum(DISPOSITIONS, `Must be one of: ${DISPOSITIONS.join(", ")}`).optional(),
  followUp: field(1000),
});

const name = z.string("Name must be text").trim().min(1, "Name is required").max(80, "Name must be at most 80 characters");

export const createTemplateSchema = z.strictObject({ name, fields: templateFieldsSchema.default({}) });
export const updateTemplateSchema = z.strictObject({ name: name.optional(), fields: templateFieldsSchema.optional() });

export type TemplateFields = z.output<typeof templateFieldsSchema>;
export type ReplyTemplate = { id: string; name: string; fields: TemplateFields; updatedAt: string };

const columns = { id: replyTemplates.id, name: replyTemplates.name, fields: replyTemplates.fields, updatedAt: replyTemplates.updatedAt };
const toDto = (r: { id: string; name: string; fields: Record<string, string>; updatedAt: Date }): ReplyTemplate => ({
  id: r.id,
  name: r.name,
  fields: r.fields as TemplateFields,
  updatedAt: r.updatedAt.toISOString(),
});
const uuid = z.string().uuid();

/** Drop blank values so inserting a template never clears what the specialist already typed. */
function compact(fields: TemplateFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
}

/** The actor's templates, by name. */
export async function listTemplates(db: Db, ctx: RequestContext): Promise<ReplyTemplate[]> {
  requireReviewer(ctx);
  const rows = await db.select(columns).from(replyTemplates).where(eq(replyTemplates.ownerId, ctx.actor.id)).orderBy(asc(replyTemplates.name), asc(replyTemplates.id));
  return rows.map(toDto);
}

/** Create a template for the actor (at most {@link TEMPLATES_PER_USER_MAX}). */
export async function createTemplate(db: Db, ctx: RequestContext, input: unknown): Promise<ReplyTemplate> {
  requireReviewer(ctx);
  const data = parseOrThrow(createTemplateSchema, input);
  return db.transaction(async (tx) => {
    const [{ n }] = (await tx.select({ n: count() }).from(replyTemplates).where(eq(replyTemplates.ownerId, ctx.actor.id))) as [{ n: number }];
    if (n >= TEMPLATES_PER_USER_MAX) throw Conflict(`You already have ${TEMPLATES_PER_USER_MAX} templates; delete one first`);
    const [row] = await tx.insert(replyTemplates).values({ ownerId: ctx.actor.id, name: data.name, fields: compact(data.fields) }).returning(columns);
    await audit(tx, ctx, { action: "template.create", resourceType: "reply_template", resourceId: row!.id });
    return toDto(row!);
  });
}

/** Rename a template and/or replace its fields; 404 unless the actor owns it. */
export async function updateTemplate(db: Db, ctx: RequestContext, id: string, input: unknown): Promise<ReplyTemplate> {
  requireReviewer(ctx);
  const data = parseOrThrow(updateTemplateSchema, input);
  if (!uuid.safeParse(id).success) throw NotFound("Template not found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(replyTemplates)
      .set({ ...(data.name ? { name: data.name } : {}), ...(data.fields ? { fields: compact(data.fields) } : {}), updatedAt: new Date() })
      .where(and(eq(replyTemplates.id, id), eq(replyTemplates.ownerId, ctx.actor.id)))
      .returning(columns);
    if (!row) throw NotFound("Template not found");
    await audit(tx, ctx, { action: "template.update", resourceType: "reply_template", resourceId: id });
    return toDto(row);
  });
}

/** Delete a template; 404 unless the actor owns it. */
export async function deleteTemplate(db: Db, ctx: RequestContext, id: string): Promise<void> {
  requireReviewer(ctx);
  if (!uuid.safeParse(id).success) throw NotFound("Template not found");
  await db.transaction(async (tx) => {
    const rows = await tx
      .delete(replyTemplates)
      .where(and(eq(replyTemplates.id, id), eq(replyTemplates.ownerId, ctx.actor.id)))
      .returning({ id: replyTemplates.id });
    if (rows.length === 0) throw NotFound("Template not found");
    await audit(tx, ctx, { action: "template.delete", resourceType: "reply_template", resourceId: id });
  });
}
