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

/**
 * Where log lines go: stdout, plus any sink added at run time (a file shipper, or the PHI-leak scan
 * in the test suite, which reads every line the app writes).
 */
const streams = pino.multistream([{ stream: process.stdout, level: "trace" }]);

/** Send every log line also to `stream` (at `level` and above). */
export function addLogStream(stream: NodeJS.WritableStream, level: pino.Level = "trace"): void {
  streams.add({ stream, level });
}

export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "dermrelay" },
  redact: {
    paths: [...PHI_KEYS, ...PHI_KEYS.map((k) => `*.${k}`), ...PHI_KEYS.map((k) => `*.*.${k}`)],
    censor: "[redacted]",
  },
}, streams);

export type Logger = typeof logger;
