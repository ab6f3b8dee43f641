/**
 * A real Orthanc with its DICOMweb plugin for the PACS tests (Debian `orthanc`,
 * `orthanc-dicomweb`): free HTTP and DICOM ports chosen at run time, its own storage in a
 * temporary directory, no authentication, stopped (and its files removed) by the test.
 * `reserveOrthanc` picks the ports without starting, so a test can send to it while it is down.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

const PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

/** A port nothing listens on right now (the kernel's pick for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface OrthancHandle {
  httpPort: number;
  /** `Authorization` header value for the test user, when one was asked for. */
  authorization: string | null;
  /** Base URL of the REST API, e.g. http://127.0.0.1:PORT */
  url: string;
  /** The STOW-RS endpoint (`…/dicom-web/studies`). */
  stowUrl: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stop and remove the storage directory. */
  dispose(): Promise<void>;
}

/** Ports and configuration of an Orthanc, not yet started; `user` turns on HTTP Basic auth. */
export async function reserveOrthanc(user?: { name: string; password: string }): Promise<OrthancHandle> {
  const dir = await mkdtemp(path.join(tmpdir(), "dermrelay-orthanc-"));
  const httpPort = await freePort();
  const dicomPort = await freePort();
  const cfg = path.join(dir, "cfg.json");
  await writeFile(
    cfg,
    JSON.stringify({
      Name: "DermRelayTest",
      HttpPort: httpPort,
      DicomPort: dicomPort,
      StorageDirectory: path.join(dir, "storage"),
      IndexDirectory: path.join(dir, "index"),
      RemoteAccessAllowed: false,
      AuthenticationEnabled: !!user,
      RegisteredUsers: user ? { [user.name]: user.password } : {},
      HttpServerEnabled: true,
      DicomServerEnabled: true,
      Plugins: [PLUGIN],
      DicomWeb: { Enable: true, Root: "/dicom-web/", EnableWado: true },
    }),
  );
  const url = `http://127.0.0.1:${httpPort}`;
  const authorization = user ? `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}` : null;
  let proc: ChildProcess | null = null;
  let output = "";

  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => p.kill("SIGKILL"), 5_000);
      p.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      p.kill("SIGTERM");
    });
  };

  return {
    httpPort,
    authorization,
    url,
    stowUrl: `${url}/dicom-web/studies`,
    async start() {
      proc = spawn("Orthanc", [cfg], { stdio: ["ignore", "pipe", "pipe"] });
      proc.stdout?.on("data", (d) => (output = (output + d).slice(-4000)));
      proc.stderr?.on("data", (d) => (output = (output + d).slice(-4000)));
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline) {
        if (proc.exitCode !== null) throw new Error(`Orthanc exited: ${output}`);
        try {
          const res = await fetch(`${url}/system`, { headers: authorization ? { authorization } : {} });
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      await stop();
      throw new Error(`Orthanc did not start: ${output}`);
    },
    stop,
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Reserve and start an Orthanc. */
export async function startOrthanc(user?: { name: string; password: string }): Promise<OrthancHandle> {
  const o = await reserveOrthanc(user);
  await o.start();
  return o;
}
