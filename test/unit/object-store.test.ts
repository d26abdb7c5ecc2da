import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3 } from '../../deploy/local/s3.ts';
import { createLocalObjectStore, createS3ObjectStore } from '../../storage/cold/object-store.ts';
import { tempDir } from '../support/app.ts';

describe('the folder object store', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('moves a put file in (no copy) and leaves nothing half-written beside it', async () => {
    const store = createLocalObjectStore(join(dir.path, 'bucket'));
    const file = join(dir.path, 'object.parquet');
    writeFileSync(file, 'x'.repeat(1000));
    const inode = statSync(file).ino;
    expect(await store.put('memories/sys/2026/01/02/part-a.parquet', file)).toBe(1000);
    const stored = await store.localPath('memories/sys/2026/01/02/part-a.parquet');
    expect(statSync(stored).ino).toBe(inode);
    expect(existsSync(file)).toBe(false);
    expect(await store.list('memories/')).toEqual(['memories/sys/2026/01/02/part-a.parquet']);
  });

  it('copies a file from another file system (a rename there fails with EXDEV)', async () => {
    // /dev/shm is a tmpfs: a rename from it into the bucket crosses file systems.
    const other = mkdtempSync('/dev/shm/akosha-test-');
    try {
      const store = createLocalObjectStore(join(dir.path, 'bucket-2'));
      const file = join(other, 'object.parquet');
      writeFileSync(file, 'y'.repeat(777));
      expect(statSync(file).dev).not.toBe(statSync(dir.path).dev);
      expect(await store.put('memories/sys/2026/01/03/part-b.parquet', file)).toBe(777);
      expect(readFileSync(await store.localPath('memories/sys/2026/01/03/part-b.parquet'), 'utf8')).toBe(
        'y'.repeat(777),
      );
      expect(readdirSync(join(dir.path, 'bucket-2', 'memories', 'sys', '2026', '01', '03'))).toEqual([
        'part-b.parquet',
      ]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('the S3 object store', () => {
  const dir = tempDir();
  let s3: Awaited<ReturnType<typeof startS3>>;
  beforeAll(async () => {
    s3 = await startS3(join(dir.path, 's3'));
  });
  afterAll(async () => {
    await s3?.stop();
    dir.remove();
  });

  it('keeps fresh reads in its bounded cache (not a folder of their own), evicting the oldest unused first', async () => {
    const cacheDir = join(dir.path, 'cache');
    // A copy left by the old layout, where fresh reads accumulated: removed.
    mkdirSync(join(cacheDir, 'verify'), { recursive: true });
    writeFileSync(join(cacheDir, 'verify', 'old.parquet'), 'x');
    const store = createS3ObjectStore({
      ...s3Connection(s3),
      cacheDir,
      cacheBytes: 1_000_000,
    });
    try {
      const put = async (key: string, fill: string) => {
        const file = join(dir.path, `${key.replaceAll('/', '_')}.tmp`);
        writeFileSync(file, fill.repeat(600_000));
        await store.put(key, file);
      };
      await put('memories/a.parquet', 'a');
      await put('memories/b.parquet', 'b');
      await put('memories/c.parquet', 'c');
      const a = await store.localPath('memories/a.parquet', { fresh: true });
      expect(a.startsWith(cacheDir)).toBe(true);
      // An hour later, b and c are verified: 1.8 MB in a 1 MB cache. a (unused for an hour) goes;
      // b and c stay (in use: read in the last minute).
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(a, hourAgo, hourAgo);
      const b = await store.localPath('memories/b.parquet', { fresh: true });
      const c = await store.localPath('memories/c.parquet', { fresh: true });
      expect(existsSync(a)).toBe(false);
      expect(readFileSync(b, 'utf8')).toBe('b'.repeat(600_000));
      expect(readFileSync(c, 'utf8')).toBe('c'.repeat(600_000));
      await waitUntil(() => !existsSync(join(cacheDir, 'verify')));
      expect(readdirSync(cacheDir).sort()).toEqual([b, c].map((p) => p.slice(cacheDir.length + 1)).sort());
      // A fresh read replaces a stale cached copy; a plain read then finds the new one.
      await put('memories/b.parquet', 'B');
      expect(readFileSync(await store.localPath('memories/b.parquet'), 'utf8')).toBe('b'.repeat(600_000));
      await store.localPath('memories/b.parquet', { fresh: true });
      expect(readFileSync(await store.localPath('memories/b.parquet'), 'utf8')).toBe('B'.repeat(600_000));
    } finally {
      store.close();
    }
  });
});

async function waitUntil(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

function s3Connection(s3: Awaited<ReturnType<typeof startS3>>) {
  const env = s3.env();
  return {
    bucket: env.AKOSHA_S3_BUCKET,
    endpoint: env.AKOSHA_S3_ENDPOINT,
    region: env.AKOSHA_S3_REGION,
    accessKeyId: env.AKOSHA_S3_ACCESS_KEY_ID,
    secretAccessKey: env.AKOSHA_S3_SECRET_ACCESS_KEY,
  };
}
