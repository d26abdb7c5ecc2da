import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Topology } from '../../deploy/local/topology.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { shardOf, shardsOfStore, storeOf } from '../../storage/shards/shard-hash.ts';
import { JOB, START, STATS } from '../support/tiers.ts';
import { createVectorSource } from '../support/vectors.ts';

// The scale-out topology as real processes on 127.0.0.1 (deploy/local/topology.ts): Debian's
// redis-server, s3rver, two stores and two apis.

const SHARDS = 8;
const DAY = 86_400_000;

const INGEST = graphql(`
  mutation ScaleOutIngest($input: [MemoryInput!]!) {
    ingestMemories(input: $input) { accepted duplicates rejected { index clientId systemId reason } }
  }
`);
const SEARCH = graphql(`
  query ScaleOutSearch($v: Vector, $tiers: [Tier!], $limit: Int) {
    search(nearVector: $v, tiers: $tiers, limit: $limit) {
      partial
      failures { tier shard message }
      hits { score tier shard systemId clientId }
    }
  }
`);
const CANCEL = graphql(`mutation ScaleOutCancel($id: ID!) { cancelMigration(id: $id) { id status } }`);
const FORGET = graphql(
  `mutation ScaleOutForget($input: ForgetInput!) { forgetMemories(input: $input) { id status } }`,
);
const AUDIT = graphql(`query ScaleOutAudit { auditLog(limit: 200) { operation counts } }`);
const HEALTH = graphql(`query ScaleOutShardHealth { shardHealth { shard tier store up error } }`);
const PROGRESS = `subscription ScaleOutProgress($id: ID!, $after: Int) {
  migrationProgress(jobId: $id, after: $after) { seq state phase recordsDone recordsTotal }
}`;
type Event = { seq: number; state: string; phase: string; recordsDone: number; recordsTotal: number };
const MEMORY = (n: number) =>
  `query ScaleOutMemories(${Array.from({ length: n }, (_, i) => `$s${i}: String!, $i${i}: String!`).join(', ')}) {
    ${Array.from({ length: n }, (_, i) => `m${i}: memory(systemId: $s${i}, id: $i${i}) { clientId systemId }`).join('\n')}
  }`;

type Memory = {
  id: string;
  systemId: string;
  kind: 'CONVERSATION';
  content: string;
  embedding: number[];
  timestamp: string;
  metadata: Record<string, unknown>;
};
// biome-ignore lint/suspicious/noExplicitAny: responses are inspected field by field
type Body = { status: number; data?: any; errors?: any[] };

describe('scale-out: two stores, two apis, Redis and S3 as real processes', () => {
  let t: Topology;
  let dir: string;
  let token: string;
  const vectors = createVectorSource(41);
  /** Systems held by each store (the shard's holder is shard mod 2). */
  const systemsOf: string[][] = [[], []];
  for (let i = 0; systemsOf.some((s) => s.length < 3); i++) {
    const id = `sys-${i}`;
    const list = systemsOf[storeOf(shardOf(id, SHARDS), 2)] as string[];
    if (list.length < 3) list.push(id);
  }
  const systems = systemsOf.flat();
  const memory = (id: string, systemId: string, ageDays: number): Memory => ({
    id,
    systemId,
    kind: 'CONVERSATION',
    content: `memory ${id}`,
    embedding: vectors.next(),
    timestamp: new Date(Date.now() - ageDays * DAY).toISOString(),
    metadata: { project: 'scale-out' },
  });
  const old = systems.flatMap((s) => Array.from({ length: 8 }, (_, i) => memory(`old-${s}-${i}`, s, 200)));
  const gql = async (url: string, query: unknown, variables: Record<string, unknown> = {}): Promise<Body> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: String(query), variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  };
  /** A job's progress events over graphql-ws, until the subscription completes. */
  const follow = async (url: string, id: string, after = 0): Promise<Event[]> => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const events: Event[] = [];
    try {
      await new Promise<void>((resolve, reject) =>
        client.subscribe(
          { query: PROGRESS, variables: { id, after } },
          {
            next: (r) => {
              if (r.errors) reject(new Error(JSON.stringify(r.errors)));
              else events.push((r.data as { migrationProgress: Event }).migrationProgress);
            },
            error: reject,
            complete: resolve,
          },
        ),
      );
    } finally {
      await client.dispose();
    }
    return events;
  };
  const storeJob = async (store: Topology['stores'][number], id: string) => {
    const res = await fetch(`${store.url}/internal/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.env.AKOSHA_SERVICE_TOKEN}` },
      body: JSON.stringify({ query: 'query($id: String!) { job(id: $id) }', variables: { id } }),
    });
    return ((await res.json()) as { data: { job: { status: string; recordsDone: number } | null } }).data.job;
  };
  const api = (i: number) => (t.apis[i] as Topology['apis'][number]).url;
  const base = (url: string) => url.replace(/\/graphql$/, '');
  const metric = async (url: string, line: RegExp) => {
    const text = await (await fetch(`${base(url)}/metrics`)).text();
    return Number(line.exec(text)?.[1] ?? Number.NaN);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'akosha-scale-out-'));
    // A pause between steps, so a cancel can land while both stores still have steps to run.
    t = await startTopology({
      dir,
      stores: 2,
      apis: 2,
      shards: SHARDS,
      env: { AKOSHA_MIGRATION_STEP_PAUSE_MS: '100' },
    });
    token = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('scale-out-test')
      .setExpirationTime('30m')
      .sign(new TextEncoder().encode(t.env.AKOSHA_JWT_SECRET));
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the internal API to callers without the service token', async () => {
    const store = `${(t.stores[0] as Topology['stores'][number]).url}/internal/graphql`;
    const ask = (authorization?: string) =>
      fetch(store, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ query: '{ info }' }),
      });
    expect((await ask()).status).toBe(401);
    expect((await ask(`Bearer ${token}`)).status).toBe(401); // a user's token is not the service token
    const ok = await ask(`Bearer ${t.env.AKOSHA_SERVICE_TOKEN}`);
    expect(ok.status).toBe(200);
    const info = ((await ok.json()) as { data: { info: { held: number[]; replicas: number } } }).data.info;
    expect(info).toMatchObject({ replicas: 2, held: shardsOfStore(0, 2, SHARDS) });
  });

  it('stores through api A, finds through api B, and a result cached on B is invalidated by a write through A', async () => {
    const batch = systems.flatMap((s) =>
      Array.from({ length: 10 }, (_, i) => memory(`fresh-${s}-${i}`, s, 1)),
    );
    const stored = await gql(api(0), INGEST, { input: batch });
    expect(stored.data.ingestMemories).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
    for (const m of batch.filter((_, i) => i % 9 === 0)) {
      const found = await gql(api(1), SEARCH, { v: m.embedding, limit: 1 });
      expect(found.data.search.partial).toBe(false);
      expect(found.data.search.hits[0]).toMatchObject({ systemId: m.systemId, clientId: m.id, tier: 'HOT' });
      expect(found.data.search.hits[0].score).toBeGreaterThan(0.999);
    }
    // B answers the same search twice: the second comes from the cache.
    const probe = vectors.next();
    const hitsBefore = await metric(api(1), /^akosha_query_cache_hits_total\{level="l1"\} (\d+)/m);
    const first = await gql(api(1), SEARCH, { v: probe, limit: 3 });
    const again = await gql(api(1), SEARCH, { v: probe, limit: 3 });
    expect(again.data).toEqual(first.data);
    expect(await metric(api(1), /^akosha_query_cache_hits_total\{level="l1"\} (\d+)/m)).toBeGreaterThan(
      hitsBefore,
    );
    // A stores a memory that is the best answer: B must not serve the cached result any more.
    const best = { ...memory('best-answer', systems[4] as string, 1), embedding: probe };
    expect((await gql(api(0), INGEST, { input: [best] })).data.ingestMemories.accepted).toBe(1);
    const after = await gql(api(1), SEARCH, { v: probe, limit: 3 });
    expect(after.data.search.hits[0]).toMatchObject({ clientId: 'best-answer', systemId: best.systemId });
  });

  it('runs a migration started on api B on every store under one id, followed to DONE over graphql-ws on api A', async () => {
    expect((await gql(api(1), INGEST, { input: old })).data.ingestMemories.accepted).toBe(old.length);
    const started = await gql(api(1), START, { input: { move: 'ALL' } });
    expect(started.errors).toBeUndefined();
    const id = started.data.startMigration.id as string;

    const events = await follow(api(0), id);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(events.filter((e) => e.state !== 'RUNNING')).toHaveLength(1);
    const last = events.at(-1);
    expect(last?.state).toBe('DONE');
    // Hot → warm and warm → cold of every old memory, summed over both stores.
    expect(last).toMatchObject({ recordsDone: 2 * old.length, recordsTotal: 2 * old.length });
    // Resumable on any api: after the third event, exactly the rest, as it was sent live.
    const after = events[2]?.seq ?? 0;
    expect(await follow(api(1), id, after)).toEqual(events.filter((e) => e.seq > after));

    // Both stores ran their part under the same id.
    for (const store of t.stores)
      expect(await storeJob(store, id)).toMatchObject({ status: 'DONE', recordsDone: 2 * 8 * 3 });

    // The cold objects are in the shared bucket, for systems of both stores.
    const s3 = new S3Client({
      endpoint: t.s3.endpoint(),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: t.s3.bucket, Prefix: 'memories/' }));
    s3.destroy();
    const keys = (listed.Contents ?? []).map((o) => o.Key ?? '');
    expect(new Set(keys.map((k) => k.split('/')[1]))).toEqual(new Set(systems));

    const stats = (await gql(api(0), STATS)).data.storageStats as { tier: string; rows: number }[];
    expect(stats.find((s) => s.tier === 'COLD')?.rows).toBe(old.length);
    // An export through an api reads every tier of the store holding the system, page by page.
    const system = systems[0] as string;
    const exported = await fetch(`${base(api(1))}/export/${system}.jsonl`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(exported.status).toBe(200);
    const rows = (await exported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; embedding: number[] });
    expect(rows.map((r) => r.id).sort()).toEqual(
      [
        ...Array.from({ length: 10 }, (_, i) => `fresh-${system}-${i}`),
        ...Array.from({ length: 8 }, (_, i) => `old-${system}-${i}`),
      ].sort(),
    );
    expect(rows.every((r) => r.embedding.length === 384)).toBe(true);
    for (const m of [old[0], old[13], old[old.length - 1]] as Memory[]) {
      const found = await gql(api(0), SEARCH, { v: m.embedding, tiers: ['COLD'], limit: 1 });
      expect(found.data.search.hits[0]).toMatchObject({ clientId: m.id, systemId: m.systemId, tier: 'COLD' });
    }
  });

  it('a cancel sent to api B reaches the job on every store', async () => {
    const old = systems.flatMap((s) =>
      Array.from({ length: 4 }, (_, i) => memory(`older-${s}-${i}`, s, 300 + i)),
    );
    expect((await gql(api(0), INGEST, { input: old })).data.ingestMemories.accepted).toBe(old.length);
    const id = (await gql(api(0), START, { input: { move: 'HOT_TO_WARM', olderThanDays: 250 } })).data
      .startMigration.id as string;
    const cancelled = await gql(api(1), CANCEL, { id });
    expect(cancelled.errors).toBeUndefined();
    const events = await follow(api(1), id);
    expect(events.at(-1)?.state).toBe('CANCELLED');
    for (const store of t.stores) expect((await storeJob(store, id))?.status).toBe('CANCELLED');
    expect((await gql(api(0), JOB, { id })).data.migrationJob.status).toBe('CANCELLED');
  });

  it('forgets across stores under one job, and the audit trail on any api shows each store’s part', async () => {
    const gone = [systemsOf[0]?.[2], systemsOf[1]?.[2]] as string[];
    const started = await gql(api(0), FORGET, { input: { systemIds: gone } });
    expect(started.errors).toBeUndefined();
    const id = started.data.forgetMemories.id as string;
    const events = await follow(api(1), id);
    expect(events.at(-1)?.state).toBe('DONE');
    for (const store of t.stores) expect((await storeJob(store, id))?.status).toBe('DONE');
    const probe = old.find((m) => m.systemId === gone[1]) as Memory;
    const found = await gql(api(1), SEARCH, { v: probe.embedding, tiers: ['HOT', 'WARM', 'COLD'], limit: 5 });
    expect(found.data.search.hits.filter((h: { systemId: string }) => gone.includes(h.systemId))).toEqual([]);
    const audit = (await gql(api(1), AUDIT)).data.auditLog as {
      operation: string;
      counts: { deleted: number };
    }[];
    const parts = audit.filter((e) => e.operation === `forget job ${id}`);
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.counts.deleted > 0)).toBe(true);
  });

  it('a store killed during a concurrent ingest: exact failures, partial searches naming its shards, nothing lost or doubled', async () => {
    const dead = t.stores[1] as Topology['stores'][number];
    const deadShards = shardsOfStore(1, 2, SHARDS);
    const deadNames = deadShards.flatMap((s) => [`hot-${s}`, `warm-${s}`]).sort();
    const statsBefore = (await gql(api(0), STATS)).data.storageStats as { tier: string; rows: number }[];
    const hotBefore = statsBefore.find((s) => s.tier === 'HOT')?.rows ?? 0;

    const sent: Memory[] = [];
    const acknowledged: Memory[] = [];
    const failed: Memory[] = [];
    const ingest = (async () => {
      for (let b = 0; b < 30; b++) {
        const batch = systems.flatMap((s) => [
          memory(`kill-${b}-${s}-a`, s, 1),
          memory(`kill-${b}-${s}-b`, s, 1),
        ]);
        sent.push(...batch);
        const res = await gql(api(b % 2), INGEST, { input: batch });
        const rejected = res.data.ingestMemories.rejected as {
          index: number;
          systemId: string;
          reason: string;
        }[];
        for (const r of rejected) {
          // Only memories of the dead store's shards fail, each with a retryable reason.
          expect(deadShards).toContain(shardOf(r.systemId, SHARDS));
          expect(r.reason).toMatch(
            /^STORAGE_UNAVAILABLE: not written \(hot-\d+: store 1 .*\); send it again$/,
          );
        }
        if (rejected.length > 0) {
          const error = res.errors?.find((e) => e.extensions?.code === 'STORAGE_UNAVAILABLE');
          expect(error?.extensions).toMatchObject({ retryable: true });
          for (const s of error?.extensions.shards ?? []) expect(deadNames).toContain(s);
        }
        const bad = new Set(rejected.map((r) => r.index));
        batch.forEach((m, i) => void (bad.has(i) ? failed : acknowledged).push(m));
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    await dead.kill('SIGKILL');
    await ingest;
    expect(failed.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(failed.length);

    // Searches answer from store 0 and name every shard of store 1.
    const alive = acknowledged.find((m) => storeOf(shardOf(m.systemId, SHARDS), 2) === 0) as Memory;
    const partial = await gql(api(1), SEARCH, { v: alive.embedding, limit: 1 });
    expect(partial.data.search.partial).toBe(true);
    expect(partial.data.search.hits[0]).toMatchObject({ clientId: alive.id });
    const failures = partial.data.search.failures as { shard: string; message: string }[];
    expect(failures.map((f) => f.shard).sort()).toEqual(deadNames);
    expect(failures[0]?.message).toMatch(/store 1 \(http:\/\/127\.0\.0\.1:\d+\) is unreachable/);
    expect(partial.errors?.every((e) => e.extensions.code === 'TIER_UNAVAILABLE')).toBe(true);

    // The cold tier too: the other store's cold objects still answer.
    const coldAlive = old.find((m) => storeOf(shardOf(m.systemId, SHARDS), 2) === 0) as Memory;
    const cold = await gql(api(0), SEARCH, { v: coldAlive.embedding, tiers: ['COLD'], limit: 1 });
    expect(cold.data.search).toMatchObject({
      partial: true,
      hits: [{ clientId: coldAlive.id, tier: 'COLD' }],
    });
    expect(cold.data.search.failures.map((f: { shard: string }) => f.shard)).toEqual(['cold@store-1']);

    // Operators see it: /ready says what is reachable, shardHealth and akosha_shard_up the rest.
    const ready = (await (await fetch(`${base(api(0))}/ready`)).json()) as {
      ready: boolean;
      shards: { reachable: string[]; unreachable: string[] };
    };
    expect(ready.ready).toBe(true);
    expect(ready.shards.unreachable.sort()).toEqual(deadNames);
    expect(ready.shards.reachable).toHaveLength(SHARDS);
    const health = (await gql(api(1), HEALTH)).data.shardHealth as {
      shard: string;
      store: number;
      up: boolean;
    }[];
    expect(
      health
        .filter((h) => !h.up)
        .map((h) => h.shard)
        .sort(),
    ).toEqual([...deadNames, 'meta@store-1'].sort());
    expect(health.filter((h) => h.up).every((h) => h.store === 0)).toBe(true);
    expect(
      await metric(api(0), new RegExp(`^akosha_shard_up\\{shard="hot-${deadShards[0]}"\\} (\\d+)`, 'm')),
    ).toBe(0);
    expect(await metric(api(0), /^akosha_shard_up\{shard="hot-0"\} (\d+)/m)).toBe(1);

    // After a restart: every acknowledged memory is there, once.
    await dead.restart();
    const back = (await (await fetch(`${base(api(0))}/ready`)).json()) as {
      shards: { unreachable: string[] };
    };
    expect(back.shards.unreachable).toEqual([]);
    for (let i = 0; i < acknowledged.length; i += 25) {
      const group = acknowledged.slice(i, i + 25);
      const vars = Object.fromEntries(
        group.flatMap((m, j) => [
          [`s${j}`, m.systemId],
          [`i${j}`, m.id],
        ]),
      );
      const res = await gql(api(i % 2), MEMORY(group.length), vars);
      expect(res.errors).toBeUndefined();
      group.forEach(
        (m, j) => void expect(res.data[`m${j}`]).toEqual({ clientId: m.id, systemId: m.systemId }),
      );
    }
    const hotRows = async () =>
      ((await gql(api(1), STATS)).data.storageStats as { tier: string; rows: number }[]).find(
        (s) => s.tier === 'HOT',
      )?.rows ?? 0;
    const stored = (await hotRows()) - hotBefore;
    // A batch in flight when the store died may have been written without being acknowledged.
    expect(stored).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored).toBeLessThanOrEqual(sent.length);
    // Sending the failed ones again stores each exactly once.
    const again = await gql(api(0), INGEST, { input: failed });
    expect(again.data.ingestMemories.rejected).toEqual([]);
    expect(again.data.ingestMemories.accepted + again.data.ingestMemories.duplicates).toBe(failed.length);
    expect((await hotRows()) - hotBefore).toBe(sent.length);
    const one = failed[0] as Memory;
    const found = await gql(api(1), SEARCH, { v: one.embedding, limit: 2 });
    expect(found.data.search.partial).toBe(false);
    expect(found.data.search.hits.filter((h: { clientId: string }) => h.clientId === one.id)).toHaveLength(1);
  });
});
