import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { dataPaths, INGEST, TEST_SECRET, tempDir } from '../support/app.ts';
import { post, type ServerProcess, startServerProcess } from '../support/process.ts';
import { type AgedMemory, agedMemories, JOB, START, STATS } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// Backup taken while ingest goes on → every data folder wiped → restore → every memory
// acknowledged before the backup is there exactly once, in every tier, and search works.

const MAIN = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
const run = promisify(execFile);
const START_BACKUP = graphql(`mutation BackupStart { startBackup { id status partsTotal } }`);
const BACKUP_JOB = graphql(`query BackupJobState($id: ID!) {
  backupJob(id: $id) { status partsDone partsTotal memories backupId error }
}`);
const BACKUPS = graphql(`query BackupList { backups { id memories parts } }`);
const MEMORY = graphql(
  `query BackupMemory($s: String!, $id: String!) { memory(systemId: $s, id: $id) { clientId content } }`,
);
const SEARCH = graphql(
  `query BackupSearch($v: Vector!) { search(nearVector: $v, limit: 1, tiers: [HOT, WARM, COLD]) { hits { clientId } } }`,
);

const until = async <T>(get: () => Promise<T>, done: (v: T) => boolean, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('backup and restore', () => {
  it('restores every memory acknowledged before an online backup, exactly once, in every tier', async () => {
    const dir = tempDir();
    const env = { ...dataPaths(dir.path), AKOSHA_SHARDS: '4', AKOSHA_JWT_SECRET: TEST_SECRET };
    let server: ServerProcess = await startServerProcess(env);
    try {
      // Three ages: after aging, hot, warm and cold all hold some.
      const aged = agedMemories(30, 71, new Date());
      expect((await post(server.url, INGEST, { input: aged })).body.data.ingestMemories.accepted).toBe(90);
      const job = (await post(server.url, START, { input: {} })).body.data.startMigration.id as string;
      const aging = await until(
        () => post(server.url, JOB, { id: job }),
        (r) => r.body.data.migrationJob.status === 'DONE',
      );
      expect(aging.body.data.migrationJob.status).toBe('DONE');

      // Ingest keeps going while the backup runs.
      const source = createVectorSource(72);
      const acknowledgedBefore: AgedMemory[] = [...aged];
      const everything: AgedMemory[] = [...aged];
      let stop = false;
      let batch = 0;
      const ingestLoop = (async () => {
        while (!stop && batch < 200) {
          const input: AgedMemory[] = Array.from({ length: 20 }, (_, i) => ({
            id: `live-${batch}-${i}`,
            systemId: `live-${i % 3}`,
            kind: 'CONVERSATION',
            content: `written during the backup ${batch}-${i}`,
            embedding: source.next(),
            timestamp: new Date().toISOString(),
            metadata: {},
          }));
          batch++;
          everything.push(...input);
          const r = await post(server.url, INGEST, { input });
          expect(r.body.data.ingestMemories.accepted).toBe(20);
        }
      })();
      await new Promise((r) => setTimeout(r, 200));
      const ackedSoFar = everything.length;
      acknowledgedBefore.push(...everything.slice(aged.length, ackedSoFar - 20));
      const started = (await post(server.url, START_BACKUP)).body.data.startBackup;
      expect(started.status).toBe('RUNNING');
      const finished = await until(
        () => post(server.url, BACKUP_JOB, { id: started.id }),
        (r) => r.body.data.backupJob.status !== 'RUNNING',
      );
      stop = true;
      await ingestLoop;
      expect(finished.body.data.backupJob).toMatchObject({ status: 'DONE', partsDone: 9, partsTotal: 9 });
      const backupId = finished.body.data.backupJob.backupId as string;
      expect((await post(server.url, BACKUPS)).body.data.backups[0]).toMatchObject({
        id: backupId,
        parts: 9,
      });
      const metrics = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(Number(/^akosha_last_backup_timestamp_seconds (\S+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
      await server.kill('SIGTERM');

      // Every data folder gone; the bucket (here the cold folder) keeps objects and backups.
      for (const f of ['hot', 'warm', 'meta', 'cold-cache'])
        rmSync(join(dir.path, f), { recursive: true, force: true });
      const restored = await run(process.execPath, [MAIN, 'restore', '--backup', backupId], {
        env: { ...process.env, ...env },
      });
      expect(restored.stdout).toContain(`restored ${backupId}`);

      server = await startServerProcess(env);
      expect(server.logs()).toContain('restored data matches its backup');
      let present = 0;
      for (const m of everything) {
        const r = await post(server.url, MEMORY, { s: m.systemId, id: m.id });
        expect(r.body.errors).toBeUndefined();
        if (r.body.data.memory) present++;
        else expect(acknowledgedBefore.some((a) => a.id === m.id)).toBe(false);
      }
      expect(present).toBeGreaterThanOrEqual(acknowledgedBefore.length);
      // Exactly once: the tiers together hold as many rows as there are memories.
      const stats = (await post(server.url, STATS)).body.data.storageStats as {
        tier: string;
        rows: number;
      }[];
      expect(stats.map((s) => s.tier)).toEqual(['HOT', 'WARM', 'COLD']);
      expect(stats.every((s) => s.rows > 0)).toBe(true);
      expect(stats.reduce((n, s) => n + s.rows, 0)).toBe(present);
      for (const m of acknowledgedBefore.filter((_, i) => i % 9 === 0)) {
        const r = await post(server.url, SEARCH, { v: m.embedding });
        expect(r.body.data.search.hits[0].clientId).toBe(m.id);
      }
      await server.kill('SIGTERM');

      // A damaged backup part is refused before anything is replaced.
      const partDir = join(dir.path, 'cold', 'backups', backupId);
      const part = join(partDir, readdirSync(partDir).find((f) => f.startsWith('hot-')) ?? '');
      const bytes = readFileSync(part);
      bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
      writeFileSync(part, bytes);
      const refused = await run(process.execPath, [MAIN, 'restore', '--backup', backupId, '--force'], {
        env: { ...process.env, ...env },
      }).catch((e: { code: number; stderr: string }) => e);
      expect((refused as { code: number }).code).toBe(1);
      expect((refused as { stderr: string }).stderr).toMatch(
        /does not match its checksum in the manifest; nothing was replaced/,
      );
      server = await startServerProcess(env);
      expect(server.logs()).not.toContain('restored data matches');
    } finally {
      await server.kill('SIGKILL');
      dir.remove();
    }
  });
});
