import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { copyBounded } from '../common/bounded-copy.ts';
import { createS3Client, listKeys, type S3Connection } from '../common/s3-client.ts';

/** The bucket Session-Buddy installations drop snapshots into (read only). */
export type UploadSource = {
  readonly name: string;
  /** Every key under `prefix`. */
  list(prefix: string): Promise<string[]>;
  /** Downloads an object to a file, failing beyond `maxBytes`. */
  download(key: string, file: string, maxBytes: number): Promise<number>;
  close(): void;
};

export class ObjectTooLargeError extends Error {}
export class ObjectMissingError extends Error {}

export function createS3UploadSource(opts: S3Connection): UploadSource {
  const client = createS3Client(opts);

  return {
    name: `s3://${opts.bucket}`,
    list: (prefix) => listKeys(client, opts.bucket, prefix),
    async download(key, file, maxBytes) {
      let body: Readable;
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: key }));
        if ((out.ContentLength ?? 0) > maxBytes)
          throw new ObjectTooLargeError(`${key} is larger than ${maxBytes} bytes`);
        body = out.Body as Readable;
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey')
          throw new ObjectMissingError(`${key} does not exist`);
        throw err;
      }
      try {
        return await copyBounded(
          body,
          file,
          maxBytes,
          () => new ObjectTooLargeError(`${key} is larger than ${maxBytes} bytes`),
        );
      } catch (err) {
        await rm(file, { force: true });
        throw err;
      }
    },
    close() {
      client.destroy();
    },
  };
}
