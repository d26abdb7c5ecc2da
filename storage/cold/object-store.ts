import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Client, listKeys, type S3Connection } from '../common/s3-client.ts';

/**
 * Where cold Parquet objects live: a local folder laid out like a bucket (the default) or an
 * S3-compatible bucket. Keys are validated by callers (system ids are checked on input).
 */
export type ObjectStore = {
  readonly name: string;
  /**
   * Stores a local file as `key` and returns its size. The file is given up: a folder store moves
   * it in (a rename, no copy), so read it before; callers remove it after (S3 leaves it).
   */
  put(key: string, file: string): Promise<number>;
  /**
   * A local file holding the object: the file itself for a folder, a cached download for S3
   * (`fresh`: downloaded again, whatever the cache holds).
   */
  localPath(key: string, opts?: { fresh?: boolean }): Promise<string>;
  delete(key: string): Promise<void>;
  /** Every key under a prefix (to rebuild the catalog from the bucket alone). */
  list(prefix: string): Promise<string[]>;
  close(): void;
};

export function createLocalObjectStore(root: string): ObjectStore {
  const base = resolve(root);
  const pathOf = (key: string) => join(base, ...key.split('/'));
  return {
    name: `folder ${base}`,
    async put(key, file) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(file, target);
      } catch (err) {
        // Another file system: copied beside the target first, so readers never see half of it.
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        const tmp = `${target}.tmp-${process.pid}`;
        await copyFile(file, tmp);
        await rename(tmp, target);
      }
      return (await stat(target)).size;
    },
    async localPath(key) {
      const p = pathOf(key);
      await stat(p);
      return p;
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async list(prefix) {
      const entries = await readdir(base, { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => e.isFile())
        .map((e) => relative(base, join(e.parentPath, e.name)).split(sep).join('/'))
        .filter((key) => key.startsWith(prefix) && !key.includes('.tmp-'))
        .sort();
    },
    close() {},
  };
}

export type S3Options = S3Connection & { cacheDir: string; cacheBytes: number };

/** How long a downloaded object counts as in use (never evicted). */
const IN_USE_MS = 60_000;

export function createS3ObjectStore(opts: S3Options): ObjectStore {
  const client = createS3Client(opts);

  const cacheDir = resolve(opts.cacheDir);
  // Fresh reads went to a folder of their own before, never evicted nor removed (a copy of every
  // object verified, every backup part restored): gone.
  void rm(join(cacheDir, 'verify'), { recursive: true, force: true }).catch(() => {});
  const cachePath = (key: string) =>
    join(cacheDir, `${createHash('sha256').update(key).digest('hex')}.parquet`);

  async function download(key: string, target: string): Promise<void> {
    const out = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: key }));
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await pipeline(out.Body as Readable, createWriteStream(tmp));
    await rename(tmp, target);
  }

  /**
   * Keeps the download cache under its byte bound, oldest use first; files used in the last
   * minute stay (a verify or a search reads a batch of objects it just fetched: the bound may be
   * passed for that long).
   */
  async function evict(keep: string): Promise<void> {
    const names = await readdir(cacheDir).catch(() => [] as string[]);
    const files = await Promise.all(
      names
        .filter((n) => n.endsWith('.parquet'))
        .map(async (n) => ({ path: join(cacheDir, n), ...(await stat(join(cacheDir, n))) })),
    );
    let total = files.reduce((n, f) => n + f.size, 0);
    const recent = Date.now() - IN_USE_MS;
    for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
      if (total <= opts.cacheBytes || f.mtimeMs >= recent) break;
      if (f.path === keep) continue;
      await rm(f.path, { force: true });
      total -= f.size;
    }
  }

  return {
    name: `s3://${opts.bucket}${opts.endpoint ? ` at ${opts.endpoint}` : ''}`,
    async put(key, file) {
      const size = (await stat(file)).size;
      await client.send(
        new PutObjectCommand({
          Bucket: opts.bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: size,
        }),
      );
      return size;
    },
    async localPath(key, o) {
      const p = cachePath(key);
      // A fresh read downloads the object again into the cache (replacing a cached copy: it is
      // what the bucket holds now), under the same bound as every other download.
      const hit =
        !o?.fresh &&
        (await stat(p).then(
          () => true,
          () => false,
        ));
      if (hit) {
        const now = new Date();
        await utimes(p, now, now);
        return p;
      }
      await download(key, p);
      await evict(p);
      return p;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: key }));
      await rm(cachePath(key), { force: true });
    },
    list: (prefix) => listKeys(client, opts.bucket, prefix),
    close() {
      client.destroy();
    },
  };
}
