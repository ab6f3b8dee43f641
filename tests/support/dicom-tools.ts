/**
 * The Debian DICOM tools the DICOM tests judge objects with: dicom3tools' `dciodvfy` (IOD
 * conformance; exit code 1 on errors) and dcmtk's `dcmdump` and `dcmdjpeg`. Each object is
 * written to a temporary directory of its own.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface ToolResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function tool(cmd: string, args: string[]): Promise<ToolResult> {
  try {
    const { stdout, stderr } = await run(cmd, args, { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err; // the tool is missing: fail loudly
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** A scratch directory, removed by the returned cleanup. */
export async function scratchDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "dermrelay-dicom-"));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Judge one object: dciodvfy's verdict, dcmdump's reading, and the decoded pixel matrix size. */
export async function inspectDicom(dir: string, name: string, bytes: Buffer) {
  const file = path.join(dir, `${name}.dcm`);
  await writeFile(file, bytes);
  const verify = await tool("dciodvfy", [file]);
  const dump = await tool("dcmdump", ["-Un", file]);
  const raw = path.join(dir, `${name}.raw.dcm`);
  const decode = await tool("dcmdjpeg", [file, raw]);
  const decoded = decode.code === 0 ? await tool("dcmdump", [raw]) : null;
  const us = (text: string, tag: string) => Number(new RegExp(`\\(${tag}\\) US (\\d+)`).exec(text)?.[1] ?? NaN);
  return {
    verify,
    errors: (verify.stdout + verify.stderr).split("\n").filter((l) => l.startsWith("Error")),
    warnings: (verify.stdout + verify.stderr).split("\n").filter((l) => l.startsWith("Warning")),
    dump,
    decode,
    decodedRows: decoded ? us(decoded.stdout, "0028,0010") : NaN,
    decodedColumns: decoded ? us(decoded.stdout, "0028,0011") : NaN,
    decodedPhotometric: decoded ? /\(0028,0004\) CS \[([A-Z_0-9]+)\]/.exec(decoded.stdout)?.[1] : undefined,
  };
}

/** The value of a dcmdump line for `tag` (e.g. "0010,0020"), or undefined. */
export function dumpValue(dump: string, tag: string): string | undefined {
  return new RegExp(`^\\s*\\(${tag}\\) [A-Z]{2} \\[([^\\]]*)\\]`, "m").exec(dump)?.[1];
}
