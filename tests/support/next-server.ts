/**
 * A production `next start` of this worktree's build as a child process, for the suites and
 * benches that need a second server with its own environment (the idle-logoff e2e at a 1-minute
 * limit, `npm run bench:load`). Started as `node_modules/.bin/next start`, not through npx, and in
 * its own process group, so stopping it stops next-server too (TOOLCHAIN.md).
 */
import { spawn, type ChildProcess } from "node:child_process";

export type NextServer = { url: string; proc: ChildProcess; stop: () => Promise<void> };

/** Kill a detached child's whole process group and wait until it has gone. */
export async function stopGroup(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || !proc.pid) return;
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  try {
    process.kill(-proc.pid, signal);
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => proc.pid && process.kill(-proc.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Start `next start -p port` with `env` and resolve once /api/health answers 200. */
export async function startNextServer(port: number, env: Record<string, string>, timeoutMs = 120_000): Promise<NextServer> {
  const url = `http://localhost:${port}`;
  const proc = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", ...env, APP_URL: url, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const server = { url, proc, stop: () => stopGroup(proc) };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`next start exited ${proc.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.status === 200, () => false);
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new Error(`next start did not answer on ${url} within ${timeoutMs / 1000} s`);
}
