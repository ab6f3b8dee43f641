/**
 * One web replica for the tus race tests: a process of its own serving the real upload route
 * handlers (startUploadServer: node:http streaming bodies into them), with its own @tus/server
 * instance and locker, exactly as one of several `next start` processes behind a balancer would.
 * Run with tsx and the test's environment; prints `{"port"}` once listening.
 */
import { startUploadServer } from "./tus";

const { port } = await startUploadServer();
process.stdout.write(`${JSON.stringify({ port })}\n`);
