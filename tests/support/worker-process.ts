/**
 * The real worker (`tsx workers/index.ts`) as a child process of a fault test, and a private
 * redis-server on a free port, so a test can SIGKILL either without disturbing anything else on the
 * machine. The worker inherits the test's environment (database, storage, keys) with overrides.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createInterface } from "node:readline";
import { Queue } from "bullmq";
import { Redis, type RedisOptions } from "ioredis";
import type { QueueName } from "@/lib/queue/queues";
import { publisherFor } from "@/lib/queue/relay";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Start the worker and resolve once it logs "worker started"; rejects if it exits first.
 * `command` defaults to tsx on workers/index.ts; a bench passes scripts/worker.sh to get the
 * production allocator settings.
 */
export function startWorker(env: Record<string, string>, command: string[] = ["node_modules/.bin/tsx", "workers/index.ts"]): Promise<ChildProcess> {
  const proc = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true, // its own process group: tsx runs the worker in a child node process, killed with it
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("worker did not start within 30 s")), 30_000);
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      if (line.includes('"worker started"')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited ${code} before starting`));
    });
  });
}

/** SIGKILL a child (and, for the worker, its process group: the node process tsx started) and wait until it is gone. */
export async function kill(proc: ChildProcess | undefined, group = false): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once("exit", r));
  if (group && proc.pid) process.kill(-proc.pid, "SIGKILL");
  else proc.kill("SIGKILL");
  await exited;
}

/** SIGKILL a worker started by {@link startWorker}: no shutdown hook runs, jobs in flight die with it. */
export const killWorker = (proc: ChildProcess | undefined) => kill(proc, true);

/** A redis-server with no persistence on `port`, resolved once it accepts connections. */
export function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    const probe = () => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(proc);
      });
      s.on("error", () => (Date.now() > deadline ? reject(new Error("redis did not start")) : setTimeout(probe, 100)));
    };
    probe();
  });
}

/**
 * A test's producer on a private Redis: BullMQ queues under `prefix`, created on first use (each
 * with its own connection that fails fast, so a stopped Redis makes publishing fail rather than
 * hang), the outbox publisher over them, and `close` for the test's cleanup.
 */
export function privateProducer(url: string, prefix: string, redisOptions: RedisOptions = {}) {
  const queues = new Map<QueueName, Queue>();
  const queueFor = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      const conn = new Redis(url, { maxRetriesPerRequest: 1, ...redisOptions });
      conn.on("error", () => undefined);
      q = new Queue(name, { connection: conn, prefix });
      q.on("error", () => undefined);
      queues.set(name, q);
    }
    return q;
  };
  return { queueFor, publish: publisherFor(queueFor, 1_000), close: () => Promise.all([...queues.values()].map((q) => q.close())) };
}
