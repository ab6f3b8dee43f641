/**
 * Structured logging with pino. PHI never belongs in logs; redaction is the safety net for the
 * day someone logs an object that carries it anyway.
 */
import pino from "pino";
import { env } from "./env";

const PHI_KEYS = [
  "mrn",
  "givenName",
  "familyName",
  "birthDate",
  "name",
  "email",
  "history",
  "body",
  "answer",
  "question",
  "diagnosis",
  "differential",
  "plan",
  "followUp",
  "password",
  "passwordHash",
  "code",
  "authorization",
  "cookie",
];

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "dermrelay" },
  redact: {
    paths: [...PHI_KEYS, ...PHI_KEYS.map((k) => `*.${k}`), ...PHI_KEYS.map((k) => `*.*.${k}`)],
    censor: "[redacted]",
  },
});

export type Logger = typeof logger;
