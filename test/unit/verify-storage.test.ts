import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, tempDir } from '../support/app.ts';
import { agedMemories, migrate, NOW } from '../support/tiers.ts';

const VERIFY = graphql(
  `query VerifyStorage { verifyStorage { ok objectsChecked problems { part problem } orphansRemoved } }`,
);
const COLLECT = graphql(
  `mutation VerifyCollect { collectColdOrphans { ok orphansRemoved problems { part problem } } }`,
);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('verifyStorage', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const coldRoot = () => join(dir.path, 'cold');
  const objects = () => walk(join(coldRoot(), 'memories')).filter((f) => f.endsWith('.parquet'));
  const keyOf = (file: string) => relative(coldRoot(), file).split('\\').join('/');

  beforeAll(async () => {
    app = await startTestApp({}, dir, { clock: () => NOW });
    await app.gql(INGEST, { input: agedMemories(15, 81) });
    expect(await migrate(app)).toMatchObject({ status: 'DONE' });
  });
  afterAll(async () => {
    await app.akosha.close();
    dir.remove();
  });

  it('finds nothing wrong in stores that are whole', async () => {
    const r = await app.gql(VERIFY);
    expect(r.errors).toBeUndefined();
    expect(r.data.verifyStorage).toMatchObject({ ok: true, problems: [], orphansRemoved: [] });
    expect(r.data.verifyStorage.objectsChecked).toBe(objects().length);
    expect(objects().length).toBeGreaterThan(2);
  });

  it('reports a corrupted object, an object replaced by another, and an orphan; collects only the orphan', async () => {
    const [first, second, third] = objects() as [string, string, string];
    writeFileSync(first, randomBytes(statSync(first).size));
    copyFileSync(third, second);
    const orphan = join(
      coldRoot(),
      'memories',
      'laptop',
      '2026',
      '01',
      '01',
      'part-job-20260101000000-deadbeef-99.parquet',
    );
    mkdirSync(dirname(orphan), { recursive: true });
    copyFileSync(third, orphan);

    const r = (await app.gql(VERIFY)).data.verifyStorage;
    expect(r.ok).toBe(false);
    const byPart = new Map(r.problems.map((p: { part: string; problem: string }) => [p.part, p.problem]));
    expect(byPart.get(keyOf(first))).toMatch(/^unreadable/);
    expect(byPart.get(keyOf(second))).toMatch(/rows, the catalog says|checksum differs/);
    expect(byPart.get(keyOf(orphan))).toBe('orphan: no catalog entry names this object');
    expect(existsSync(orphan)).toBe(true);

    const collected = (await app.gql(COLLECT)).data.collectColdOrphans;
    expect(collected.orphansRemoved).toEqual([keyOf(orphan)]);
    expect(existsSync(orphan)).toBe(false);
    const after = (await app.gql(VERIFY)).data.verifyStorage;
    expect(after.problems.map((p: { part: string }) => p.part).sort()).toEqual(
      [keyOf(first), keyOf(second)].sort(),
    );
  });
});
