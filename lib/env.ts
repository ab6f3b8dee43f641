/**
 * The only reader of process.env. Validated once with zod at import; development gets defaults that
 * point at the local services and secrets generated into `.data/` so a fresh clone runs without an
 * `.env` file, while production refuses to start without real secrets.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { ROLES } from "./db/schema/enums";

const isProduction = process.env.NODE_ENV === "production";
// `next build` evaluates modules with NODE_ENV=production but serves nothing: secrets are not needed.
const isBuildPhase = process.env.NEXT_PHASE === "phase-production-build";

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be base64 of exactly 32 bytes");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** The runtime login role (owns nothing; created and granted by the migrations). */
  DATABASE_URL: z.string().url().default("postgres://dermrelay_app@127.0.0.1:5432/dermrelay"),
  /** The schema owner, used only by migrations; development derives it from DATABASE_URL. */
  MIGRATION_DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default("dermrelay"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** The public base URL; a trailing `/` is dropped here, once, so every `${APP_URL}/path` is right. */
  APP_URL: z.string().url().default("http://localhost:3000").transform((v) => v.replace(/\/+$/, "")),
  AUTH_SECRET: z.string().min(32),
  DATA_ENCRYPTION_KEY: base64Key,
  /** Comma list of retired master keys still needed to read objects written before a rotation. */
  DATA_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(base64Key)),
  /** Ed25519 seed (base64, 32 bytes) that signs the audit chain anchors written to object storage. */
  AUDIT_ANCHOR_KEY: base64Key,
  STORAGE_DRIVER: z.enum(["fs", "s3"]).default("fs"),
  STORAGE_DIR: z.string().default(".data/objects"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("DermRelay <no-reply@dermrelay.local>"),
  MFA_REQUIRED_ROLES: z
    .string()
    .default("specialist,admin")
    .transform((v) => (v.trim() === "none" ? [] : v.split(",").map((r) => r.trim()).filter(Boolean)))
    .pipe(z.array(z.enum(ROLES))),
  /**
   * Comma list of origins a SMART Backend Services client's `jwksUrl` may point at (SSRF rule:
   * DermRelay fetches keys only from origins an operator listed). Empty: only inline JWKS.
   */
  FHIR_CLIENT_JWKS_ORIGINS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean)),
  /**
   * Lets SMART code call plain-http loopback servers under NODE_ENV=production: only for the
   * end-to-end run against the test EHR on 127.0.0.1. Never set it in a deployment.
   */
  SMART_ALLOW_HTTP_LOOPBACK: z.enum(["true", "false"]).default("false").transform((v) => v === "true"),
  /** Origins (scheme://host[:port]) a FHIR Subscription may call; empty = none (SPEC §11). */
  FHIR_SUBSCRIPTION_ORIGINS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().url().transform((o) => new URL(o).origin))),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Touched by the worker every 15 s while its database and Redis answer (compose health check). */
  WORKER_HEARTBEAT_FILE: z.string().default(path.join(os.tmpdir(), "dermrelay-worker-heartbeat")),
  /** Automatic logoff after this many minutes without a person's action (SPEC §9; HIPAA allows no more than 15 here). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(15).default(15),
  /**
   * Lease of a resumable upload's cross-process lock in Redis (lib/uploads/redis-locker.ts),
   * renewed every third of it while the PATCH runs: the longest a killed web process can keep an
   * upload locked.
   */
  UPLOAD_LOCK_LEASE_MS: z.coerce.number().int().min(300).max(300_000).default(10_000),
});

export type Env = z.infer<typeof schema>;

/** Development secrets live in `.data/dev-secrets.json` (git-ignored), generated on first use. */
function devSecrets(): { AUTH_SECRET: string; DATA_ENCRYPTION_KEY: string } {
  const file = path.resolve(".data", "dev-secrets.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    const secrets = {
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      // wx: if two processes race on first run, the loser reads the winner's file.
      fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
      return secrets;
    } catch {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    }
  }
}

/**
 * The development audit-anchor key, in a file of its own (`.data/audit-anchor-key`) so clones whose
 * dev-secrets.json predates it get one without rewriting that file.
 */
function devAnchorKey(): string {
  const file = path.resolve(".data", "audit-anchor-key");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const key = randomBytes(32).toString("base64");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, key, { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}

function load(): Env {
  const raw: Record<string, string | undefined> = { ...process.env };
  for (const key of Object.keys(raw)) if (raw[key] === "") delete raw[key];
  if (!raw.AUTH_SECRET || !raw.DATA_ENCRYPTION_KEY) {
    if (isProduction && !isBuildPhase) {
      throw new Error(
        "AUTH_SECRET and DATA_ENCRYPTION_KEY must be set in production (see README, Configuration)",
      );
    }
    const generated = isBuildPhase
      ? { AUTH_SECRET: "build-time-placeholder-secret-not-for-use-0000", DATA_ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") }
      : devSecrets();
    raw.AUTH_SECRET ??= generated.AUTH_SECRET;
    raw.DATA_ENCRYPTION_KEY ??= generated.DATA_ENCRYPTION_KEY;
  }
  if (!raw.AUDIT_ANCHOR_KEY) {
    if (isProduction && !isBuildPhase) throw new Error("AUDIT_ANCHOR_KEY must be set in production (see README, Configuration)");
    raw.AUDIT_ANCHOR_KEY = isBuildPhase ? Buffer.alloc(32).toString("base64") : devAnchorKey();
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  const env = parsed.data;
  // Development and tests: the owner is the local superuser on the same database. Production names
  // it explicitly, and only the migration step needs it (scripts/migrate.ts refuses without it).
  if (!env.MIGRATION_DATABASE_URL && !isProduction) {
    const owner = new URL(env.DATABASE_URL);
    owner.username = "postgres";
    owner.password = "";
    env.MIGRATION_DATABASE_URL = owner.toString();
  }
  if (env.STORAGE_DRIVER === "s3" && (!env.S3_ENDPOINT || !env.S3_BUCKET)) {
    throw new Error("Invalid environment: STORAGE_DRIVER=s3 needs S3_ENDPOINT and S3_BUCKET");
  }
  return env;
}

export const env: Env = load();
export const isProductionEnv = isProduction;
