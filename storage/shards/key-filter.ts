import type { DuckDBInstance } from '@duckdb/node-api';
import type { Logger } from '../../monitoring/logger.ts';
import { keyOf, type MemoryKey } from '../types.ts';
import { fnv1a } from './shard-hash.ts';

// Which memory keys a shard may hold, in memory: a Bloom filter over the keys of every tier of
// one shard (hot and warm rows, and the cold key directory). "Surely absent" needs no query, so
// a batch of new memories is written without scanning the shard's id columns; "maybe present"
// is checked against the store as before. Keys that left (a forget) stay in the filter: they
// only cost that check. About 1 % false positives at capacity; past it, the owner rebuilds a
// larger one and uses this one meanwhile (more checks, never a wrong answer).

const BITS_PER_KEY = 9.6; // 1 % false positives with 7 hashes
const HASHES = 7;

export class KeyFilter {
  readonly capacity: number;
  private readonly bits: Uint32Array;
  private readonly size: number;
  count = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(1024, Math.ceil(capacity));
    this.size = Math.ceil(this.capacity * BITS_PER_KEY);
    this.bits = new Uint32Array(Math.ceil(this.size / 32));
  }

  /**
   * Calls `at` with each of the key's positions. Double hashing: two 32-bit hashes give the k
   * positions; the second is FNV-1a of the key followed by a byte 1, continued from the first.
   */
  private each(key: string, at: (word: number, bit: number) => boolean): boolean {
    const h1 = fnv1a(key);
    const h2 = fnv1a('\u0001', h1) | 1;
    for (let i = 0; i < HASHES; i++) {
      const p = ((h1 + Math.imul(i, h2)) >>> 0) % this.size;
      if (!at(p >>> 5, 1 << (p & 31))) return false;
    }
    return true;
  }

  add(key: string): void {
    this.each(key, (word, bit) => {
      this.bits[word] = (this.bits[word] ?? 0) | bit;
      return true;
    });
    this.count++;
  }

  mightHave(key: string): boolean {
    return this.each(key, (word, bit) => ((this.bits[word] ?? 0) & bit) !== 0);
  }

  get full(): boolean {
    return this.count > this.capacity;
  }
}

/**
 * The key filters of a process's hot shards (each covering the shard's keys in every tier), filled
 * one after another in the background at start and rebuilt twice as large when one is full. `of`
 * gives what Shard.insert asks, in turn with the shard's other writes.
 */
export function createKeyFilters(
  engine: DuckDBInstance,
  logger: Logger,
  shards: readonly { index: number; tables: readonly string[]; rows: () => Promise<number> }[],
) {
  type State = { ready: KeyFilter | null; filling: KeyFilter | null };
  const states = new Map(shards.map((s) => [s.index, { ready: null, filling: null } as State]));
  let stopped = false;
  let work: Promise<void> = Promise.resolve();
  const fill = (shard: (typeof shards)[number]) => {
    const state = states.get(shard.index) as State;
    work = work.then(async () => {
      if (stopped) return;
      const started = performance.now();
      const next = new KeyFilter(Math.max(1_000_000, 2 * (await shard.rows())));
      state.filling = next;
      const conn = await engine.connect();
      try {
        for (const table of shard.tables) {
          const result = await conn.stream(`SELECT system_id, id FROM ${table}`);
          for await (const rows of result.yieldRowsJs()) {
            if (stopped) return;
            for (const [systemId, id] of rows)
              next.add(keyOf({ systemId: String(systemId), id: String(id) }));
          }
        }
        state.ready = next;
        logger.info('key filter filled', {
          shard: shard.index,
          keys: next.count,
          ms: Math.round(performance.now() - started),
        });
      } catch (err) {
        logger.warning('key filter not filled; every key is looked up', {
          shard: shard.index,
          error: String(err),
        });
      } finally {
        state.filling = null;
        conn.closeSync();
      }
    });
  };
  for (const s of shards) fill(s);
  return {
    of(index: number) {
      const state = states.get(index);
      const shard = shards.find((s) => s.index === index);
      if (!state || !shard) return undefined;
      return {
        mayExist: (k: MemoryKey) => !state.ready || state.ready.mightHave(keyOf(k)),
        written(keys: readonly MemoryKey[]) {
          for (const k of keys) {
            state.ready?.add(keyOf(k));
            state.filling?.add(keyOf(k));
          }
          if (state.ready?.full && !state.filling) fill(shard);
        },
      };
    },
    /** Resolves once every filter is filled (tests, bench). */
    idle: () => work,
    async stop() {
      stopped = true;
      await work;
    },
  };
}
