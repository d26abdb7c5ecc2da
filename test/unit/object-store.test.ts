import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalObjectStore } from '../../storage/cold/object-store.ts';
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
