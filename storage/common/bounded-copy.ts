import { createWriteStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Copies a stream to a file, failing with `tooLarge()` once more than `limit` bytes passed; returns the bytes. */
export async function copyBounded(
  source: Readable,
  target: string,
  limit: number,
  tooLarge: () => Error,
  signal?: AbortSignal,
): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > limit) done(tooLarge());
      else done(null, chunk);
    },
  });
  await pipeline(source, counter, createWriteStream(target), ...(signal ? [{ signal }] : []));
  return bytes;
}
