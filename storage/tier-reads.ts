import type { DuckDBInstance } from '@duckdb/node-api';
import { findColdKeys } from './cold/cold-keys.ts';
import type { ColdStore } from './cold/cold-store.ts';
import { sqlString } from './common/engine.ts';
import { FILTER_SQL, FILTER_TYPES, filterParams, type MemoryFilter } from './common/memory-filter.ts';
import type { SeqHints } from './hot/seq-hints.ts';
import type { ExportFilter, ShardStats, TierStats } from './port.ts';
import { MEMORY_COLUMNS, memoryRow } from './shards/search-sql.ts';
import { type Shard, toStoredMemory } from './shards/shard.ts';
import type { ShardSet } from './shards/shard-set.ts';
import { HOT, WARM } from './shards/tier-layout.ts';
import { keyOf, type MemoryKey, type StoredMemory, type SystemSummary } from './types.ts';

// Reads that span the tiers of this process: records by key (hot, then warm, then cold, the
// cold ones only where the key directory places them), system summaries, statistics, export.

export type TierSources = {
  engine: DuckDBInstance;
  hot: ShardSet;
  warm: ShardSet;
  cold: ColdStore;
  /** Warm shards whose cold key directory is not filled yet: their keys are looked up in cold objects. */
  unfilled: ReadonlySet<Shard>;
  /** Where recent hits live (key → shard and seq), so loading them reads only their row groups. */
  hints?: SeqHints;
  /** A row's memory (without embedding) kept beside its shard's index, if any. */
  memoryAt?: (shard: Shard, seq: number) => StoredMemory | null;
};

function byShard<K extends MemoryKey>(set: ShardSet, keys: readonly K[]): Map<Shard, K[]> {
  const out = new Map<Shard, K[]>();
  for (const k of keys) {
    const s = set.shardFor(k.systemId);
    const list = out.get(s) ?? [];
    list.push(k);
    out.set(s, list);
  }
  return out;
}

/** Records of keys in this tier's shards, looked up by id. */
async function loadById(set: ShardSet, keys: readonly MemoryKey[], withEmbedding: boolean) {
  return (await Promise.all([...byShard(set, keys)].map(([s, ks]) => s.load(ks, withEmbedding)))).flat();
}

/**
 * Records of keys a search just found through one of this tier's indexes, each with its seq: from
 * the record file beside the index (no DuckDB query), else from the row groups holding the seqs.
 */
async function loadFound(
  set: ShardSet,
  found: readonly (MemoryKey & { seq: number })[],
  withEmbedding: boolean,
  memoryAt: TierSources['memoryAt'],
) {
  const kept: StoredMemory[] = [];
  const loads = [...byShard(set, found)].map(([s, ks]) => {
    const rest: (MemoryKey & { seq: number })[] = [];
    for (const k of ks) {
      const m = withEmbedding ? null : memoryAt?.(s, k.seq);
      if (m && m.systemId === k.systemId && m.id === k.id) kept.push(m);
      else rest.push(k);
    }
    return s.load(
      rest,
      withEmbedding,
      rest.map((k) => k.seq),
    );
  });
  return [...kept, ...(await Promise.all(loads)).flat()];
}

/** Cold records of keys the directories place in cold objects: no cold read for unknown keys. */
async function loadCold(t: TierSources, keys: readonly MemoryKey[]): Promise<StoredMemory[]> {
  const out: StoredMemory[] = [];
  for (const [shard, ks] of byShard(t.warm, keys)) {
    if (t.unfilled.has(shard)) {
      out.push(...(await t.cold.load(ks)));
      continue;
    }
    const known = await findColdKeys(shard, ks);
    if (known.length > 0)
      out.push(
        ...(await t.cold.loadFrom(
          known.map((k) => k.objectKey),
          known,
        )),
      );
  }
  return out;
}

export async function loadAcrossTiers(
  t: TierSources,
  keys: readonly MemoryKey[],
  withEmbedding: boolean,
): Promise<(StoredMemory | null)[]> {
  const found = new Map<string, StoredMemory>();
  const missing = () => keys.filter((k) => !found.has(keyOf(k)));
  // Keys a search just found through an index: read in that tier (beside its index, or by seq).
  const hints = t.hints;
  if (hints)
    for (const set of [t.hot, t.warm]) {
      const here = keys.flatMap((k) => {
        const seq = hints.seqOf(set.shardFor(k.systemId).name, k);
        return seq === undefined ? [] : [{ ...k, seq }];
      });
      if (here.length > 0)
        for (const m of await loadFound(set, here, withEmbedding, t.memoryAt)) found.set(keyOf(m), m);
    }
  // The others, and a hinted row that moved or was forgotten meanwhile: by id, hot then warm.
  for (const set of [t.hot, t.warm])
    if (missing().length > 0)
      for (const m of await loadById(set, missing(), withEmbedding)) found.set(keyOf(m), m);
  if (missing().length > 0) for (const m of await loadCold(t, missing())) found.set(keyOf(m), m);
  return keys.map((k) => found.get(keyOf(k)) ?? null);
}

export async function systemsAcrossTiers(
  t: Pick<TierSources, 'hot' | 'warm' | 'cold'>,
): Promise<SystemSummary[]> {
  const parts = await Promise.all([
    ...[...t.hot.shards, ...t.warm.shards].map((s) => s.systems()),
    t.cold.systems(),
  ]);
  return parts.flat();
}

const shardStats = (set: ShardSet): Promise<ShardStats[]> =>
  Promise.all(
    set.shards.map(async (s) => ({ shard: s.name, rows: await s.count(), bytes: await s.sizeBytes() })),
  );

export async function tierStats(t: TierSources): Promise<TierStats[]> {
  const [h, w, c] = await Promise.all([shardStats(t.hot), shardStats(t.warm), t.cold.stats()]);
  const sum = (xs: ShardStats[], f: 'rows' | 'bytes') => xs.reduce((n, x) => n + x[f], 0);
  return [
    { tier: 'HOT', rows: sum(h, 'rows'), bytes: sum(h, 'bytes'), shards: h },
    { tier: 'WARM', rows: sum(w, 'rows'), bytes: sum(w, 'bytes'), shards: w },
    {
      tier: 'COLD',
      rows: c.rows,
      bytes: c.bytes,
      shards: [{ shard: t.cold.objects.name, rows: c.rows, bytes: c.bytes }],
    },
  ];
}

/** The memories of a system matching `where`, hot, warm and cold, with embeddings, a page at a time. */
export async function* exportAcrossTiers(
  t: TierSources,
  systemId: string,
  where: ExportFilter,
): AsyncGenerator<StoredMemory[]> {
  const filter: MemoryFilter = { ...where, systemIds: [systemId] };
  const sources = [
    `SELECT ${MEMORY_COLUMNS}, ${HOT.embedding} AS embedding FROM ${t.hot.shardFor(systemId).table} WHERE ${FILTER_SQL}`,
    `SELECT ${MEMORY_COLUMNS}, ${WARM.embedding} AS embedding FROM ${t.warm.shardFor(systemId).table} WHERE ${FILTER_SQL}`,
  ];
  const files = await t.cold.filesOf(systemId);
  if (files.length > 0)
    sources.push(
      `SELECT ${MEMORY_COLUMNS}, ${WARM.embedding} AS embedding FROM read_parquet([${files.map(sqlString).join(', ')}]) WHERE ${FILTER_SQL}`,
    );
  const conn = await t.engine.connect();
  try {
    for (const sql of sources) {
      const result = await conn.stream(sql, filterParams(filter), FILTER_TYPES);
      for await (const rows of result.yieldRowObjectJs())
        if (rows.length > 0) yield rows.map((raw) => toStoredMemory(memoryRow.parse(raw)));
    }
  } finally {
    conn.closeSync();
  }
}
