/**
 * Local filesystem driver, the default (SPEC §4, `.data/objects`). Writes go to a temporary file
 * that is flushed and renamed into place, so a crash never leaves a half-written object under a
 * real key. Files are created owner-only (0600 files, 0700 directories).
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { NotFound } from "@/lib/errors";
import { assertValidObjectKey } from "./keys";
import type { ObjectStore, StoredObject } from "./types";

function isErrno(e: unknown, code: string): boolean {
  return typeof e === "object" && e !== null && (e as NodeJS.ErrnoException).code === code;
}

/**
 * Create a store rooted at `rootDir` (created on first write).
 *
 * @param rootDir directory that holds the objects; keys map to paths below it
 */
export function createFsStore(rootDir: string): ObjectStore {
  const root = path.resolve(rootDir);

  const pathFor = (key: string): string => {
    assertValidObjectKey(key);
    const full = path.resolve(root, key);
    // Belt and braces on top of the key pattern.
    if (!full.startsWith(root + path.sep)) throw new Error("Invalid object key");
    return full;
  };

  return {
    async put(key, body) {
      const target = pathFor(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // "~" cannot occur in a valid key, so a temp file can never be read as an object.
      const temp = `${target}.~${randomBytes(6).toString("hex")}`;
      const handle = await open(temp, "wx", 0o600);
      try {
        await handle.writeFile(body);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        await rename(temp, target);
      } catch (e) {
        await rm(temp, { force: true });
        throw e;
      }
    },

    async get(key) {
      try {
        return await readFile(pathFor(key));
      } catch (e) {
        if (isErrno(e, "ENOENT") || isErrno(e, "EISDIR")) throw NotFound("Object not found");
        throw e;
      }
    },

    async delete(key) {
      await rm(pathFor(key), { force: true });
    },

    async list(prefix) {
      const out: StoredObject[] = [];
      const walk = async (dir: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(dir, { withFileTypes: true });
        } catch (e) {
          if (isErrno(e, "ENOENT")) return;
          throw e;
        }
        for (const e of entries) {
          const full = path.join(dir, e.name);
          if (e.isDirectory()) await walk(full);
          else if (e.isFile() && !e.name.includes(".~")) {
            const key = path.relative(root, full).split(path.sep).join("/");
            if (key.startsWith(prefix)) out.push({ key, modifiedAt: (await stat(full)).mtime });
          }
        }
      };
      // Walk only the prefix's folder part; the rest of the prefix filters names.
      await walk(path.join(root, prefix.slice(0, prefix.lastIndexOf("/") + 1)));
      return out;
    },

    async exists(key) {
      try {
        return (await stat(pathFor(key))).isFile();
      } catch (e) {
        if (isErrno(e, "ENOENT") || isErrno(e, "ENOTDIR")) return false;
        throw e;
      }
    },
  };
}
