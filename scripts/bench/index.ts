/** `npm run bench <name> [args]`: runs scripts/bench/<name>.ts (pipeline, queue, metrics, measure). */
import { existsSync } from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const [name, ...args] = process.argv.slice(2);
const file = name ? path.resolve(import.meta.dirname, `${name}.ts`) : "";
if (!name || !existsSync(file)) {
  process.stderr.write("usage: npm run bench <pipeline|queue|metrics|measure> [args]\n");
  process.exit(2);
}
const res = spawnSync(process.execPath, ["--import", "tsx", file, ...args], { stdio: "inherit" });
process.exit(res.status ?? 1);
