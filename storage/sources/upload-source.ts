import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { copyBounded } from '../common/bounded-copy.ts';
import { createS3Client, type S3Connection } from '../common/s3-client.ts';

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
    async list(prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: opts.bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
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
