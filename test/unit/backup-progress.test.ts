import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { restoreBackup } from '../../storage/backup/restore.ts';
import { createLocalObjectStore } from '../../storage/cold/object-store.ts';
import { dataPaths, INGEST, startTestApp, tempDir } from '../support/app.ts';
import { agedMemories, NOW } from '../support/tiers.ts';

const START = graphql(`mutation ProgressStartBackup { startBackup { id } }`);
const PROGRESS = graphql(`subscription ProgressBackup($id: ID!) {
  backupProgress(id: $id) { status partsDone partsTotal backupId }
}`);

type Event = { status: string; partsDone: number; partsTotal: number; backupId: string | null };

describe('backup progress and a restore that does not match its manifest', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let backupId = '';
  beforeAll(async () => {
    app = await startTestApp({}, dir, { clock: () => NOW });
    await app.gql(INGEST, { input: agedMemories(20, 91) });
  });
  afterAll(async () => {
    await app?.akosha.close();
    dir.remove();
  });

  it('streams a backup from RUNNING through every part to DONE (SSE), and viewers may not start one', async () => {
    const viewer = await app.gql(START, {}, await app.token('viewer'));
    expect(viewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const id = (await app.gql(START)).data.startBackup.id as string;
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${await app.token('admin')}`,
      },
      body: JSON.stringify({ query: PROGRESS, variables: { id } }),
    });
    const text = await res.text(); // the stream ends after the final event
    const events = [...text.matchAll(/^data: (.*)$/gm)]
      .map((m) => JSON.parse(m[1] ?? '{}') as { data?: { backupProgress: Event } })
      .flatMap((e) => (e.data ? [e.data.backupProgress] : []));
    expect(events.length).toBeGreaterThan(1);
    const last = events[events.length - 1] as Event;
    expect(last).toMatchObject({ status: 'DONE', partsDone: 9, partsTotal: 9 });
    expect(events.slice(0, -1).every((e) => e.status === 'RUNNING')).toBe(true);
    expect(events.map((e) => e.partsDone)).toEqual([...events.map((e) => e.partsDone)].sort((a, b) => a - b));
    backupId = last.backupId ?? '';
    expect(backupId).toMatch(/^backup-/);
  });

  it('a restored directory that was changed before its first start is refused', async () => {
    const target = tempDir();
    try {
      const paths = dataPaths(target.path);
      await restoreBackup({
        objects: createLocalObjectStore(join(dir.path, 'cold')),
        backup: backupId,
        paths: {
          hotPath: paths.AKOSHA_HOT_PATH ?? '',
          warmPath: paths.AKOSHA_WARM_PATH ?? '',
          metaPath: paths.AKOSHA_META_PATH ?? '',
        },
        force: false,
        now: new Date(),
      });
      // Someone removes a row from a restored hot shard before the server starts.
      let changed = -1;
      for (let i = 0; i < 4 && changed < 0; i++) {
        const db = await DuckDBInstance.create(join(target.path, 'hot', `shard-${i}.duckdb`));
        const conn = await db.connect();
        const rows = Number(
          (await conn.runAndReadAll('SELECT count(*)::DOUBLE AS n FROM memories')).getRowObjectsJS()[0]?.n,
        );
        if (rows > 0) {
          await conn.run('DELETE FROM memories WHERE rowid = (SELECT min(rowid) FROM memories)');
          changed = i;
        }
        conn.closeSync();
        db.closeSync();
      }
      expect(changed).toBeGreaterThanOrEqual(0);
      await expect(startTestApp({ AKOSHA_COLD_PATH: join(dir.path, 'cold') }, target)).rejects.toThrow(
        new RegExp(
          `does not match backup ${backupId}: hot-${changed}\\.memories: \\d+ rows, the backup has \\d+`,
        ),
      );
    } finally {
      target.remove();
    }
  });
});
