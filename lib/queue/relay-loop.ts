/**
 * Runs the outbox relay in the worker process: wakes on PostgreSQL NOTIFY for low latency and polls
 * as a fallback, so a lost notification or a Redis outage only delays work, never loses it.
 */
import { Client } from "pg";
import type { Database } from "../db/client";
import { env } from "../env";
import { logger } from "../log";
import { relayOutbox, type Publisher, bullPublisher } from "./relay";

export type RelayLoop = { stop(): Promise<void>; kick(): void };

/** Start relaying; `stop()` waits for the batch in flight. */
export function startRelayLoop(db: Database, publish: Publisher = bullPublisher, pollMs = 2_000): RelayLoop {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let listener: Client | null = null;

  const run = async () => {
    do {
      again = false;
      try {
        while (!stopped && (await relayOutbox(db, publish)) > 0) {
          // keep draining while full batches go out
        }
      } catch (err) {
        logger.warn({ err }, "outbox relay pass failed");
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(kick, pollMs);
  (async () => {
    try {
      listener = new Client({ connectionString: env.DATABASE_URL });
      listener.on("error", () => undefined);
      await listener.connect();
      listener.on("notification", kick);
      await listener.query("listen outbox");
    } catch (err) {
      logger.warn({ err }, "outbox LISTEN unavailable; polling only");
    }
  })();
  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await listener?.end().catch(() => undefined);
    },
  };
}
