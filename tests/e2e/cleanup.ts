/** After the browser suite: remove this run's queues from the shared Redis. */
import { deleteKeysWithPrefix } from "../support/redis-keys";
import { e2eEnv } from "./env";

const removed = await deleteKeysWithPrefix(e2eEnv.REDIS_URL!, e2eEnv.QUEUE_PREFIX!);
process.stdout.write(`e2e queues removed: ${removed} keys\n`);
