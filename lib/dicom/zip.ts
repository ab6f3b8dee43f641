/**
 * A zip written while it is read (fflate's streaming `Zip`, entries stored: JPEG pixels do not
 * compress): the next entry is produced only when the reader has taken the previous one, so a
 * case's download holds one DICOM object in memory whatever the number of photos. Entry times
 * are fixed by the caller, so the same entries always give the same archive bytes.
 */
import { Zip, ZipPassThrough } from "fflate";
import { logger } from "../log";

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** A byte stream of the zip of `entries` (pulled lazily), every entry stamped `mtime`. */
export function zipStream(entries: AsyncIterator<ZipEntry>, mtime: Date): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  let done = false;
  let failure: Error | null = null;
  const zip = new Zip((err, chunk, final) => {
    if (err) failure = err;
    else ready.push(chunk);
    if (final) done = true;
  });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          while (ready.length === 0 && !done && !failure) {
            const next = await entries.next();
            if (next.done) {
              zip.end();
              continue;
            }
            const file = new ZipPassThrough(next.value.name);
            file.mtime = mtime;
            zip.add(file);
            file.push(next.value.bytes, true);
          }
          if (failure) throw failure;
          while (ready.length > 0) controller.enqueue(ready.shift()!);
          if (done) controller.close();
        } catch (err) {
          logger.error({ err: (err as Error).message }, "zip stream failed");
          controller.error(err);
        }
      },
      async cancel() {
        zip.terminate();
        await entries.return?.(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
