/**
 * docker-compose.yml passes every variable lib/env.ts reads to the app containers (issue 14: it
 * used to miss S3_*, MAIL_FROM and QUEUE_PREFIX), the owner's URL only to the migrate step, and
 * the worker has a health check.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const compose = readFileSync(path.join(root, "docker-compose.yml"), "utf8");
const envSource = readFileSync(path.join(root, "lib/env.ts"), "utf8");

/** The lines of one top-level service block. */
const service = (name: string) => compose.split(/\n(?=  [a-z-]+:\n)/).find((b) => b.startsWith(`  ${name}:`)) ?? "";

describe("docker-compose.yml", () => {
  it("gives the app every variable lib/env.ts reads (NODE_ENV comes from the Dockerfile)", () => {
    const read = [...envSource.matchAll(/^ {2}([A-Z][A-Z0-9_]+): z\./gm)].map((m) => m[1]!).filter((k) => k !== "NODE_ENV");
    const passed = new Set([...service("migrate").matchAll(/^ {6,8}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    expect(read.length).toBeGreaterThan(15);
    expect(read.filter((k) => !passed.has(k))).toEqual([]);
  });

  it("keeps the owner's URL to the migrate step, and checks the worker's health", () => {
    expect(service("migrate")).toMatch(/^ {6}MIGRATION_DATABASE_URL:/m);
    expect(service("web")).not.toMatch(/MIGRATION_DATABASE_URL/);
    expect(service("worker")).toMatch(/healthcheck:[\s\S]*dermrelay-worker-heartbeat/);
    expect(service("minio")).toMatch(/profiles: \[minio\]/);
  });
});
