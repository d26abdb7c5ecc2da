import { keyOf, type MemoryKey, type ShardHit } from '../types.ts';

/**
 * The rows recent searches found through an index, by key: shard (by name: hot-3, warm-3) and
 * seq. Loading a hit then reads its record beside the index, or the row groups holding those seqs,
 * instead of scanning a shard's id column. Bounded (the oldest entries leave first); a hint is
 * only a hint: a row that moved is looked up by id.
 */
export class SeqHints {
  private readonly entries = new Map<string, { shard: string; seq: number }>();
  private readonly max: number;

  constructor(max = 50_000) {
    this.max = max;
  }

  remember(shard: string, hits: readonly ShardHit[]): void {
    for (const h of hits) {
      if (h.seq === undefined) continue;
      const key = keyOf(h);
      this.entries.delete(key);
      this.entries.set(key, { shard, seq: h.seq });
    }
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(key);
    }
  }

  seqOf(shard: string, key: MemoryKey): number | undefined {
    const e = this.entries.get(keyOf(key));
    return e && e.shard === shard ? e.seq : undefined;
  }
}
