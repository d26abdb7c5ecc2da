import type { InsertedRow } from '../shards/shard.ts';

/**
 * The rows a shard's inserts wrote lately, as the insert had them, so that its index and keyword
 * postings take them from here instead of reading them back from DuckDB: that read, and the
 * objects it makes, cost the main thread about a third of what ingesting the rows did. Bounded:
 * when the index falls further behind, the oldest are dropped and read from DuckDB as before.
 * Rows the shard got otherwise (aging into warm, a seq moved on at a start) are never here: a
 * cursor this does not cover is answered with null, and the caller reads DuckDB.
 */
export class FreshRows {
  private readonly limit: number;
  /** In seq order, without gaps but for removed rows. */
  private rows: InsertedRow[] = [];
  /** Every row the shard wrote with a seq from `from` to `last` is in `rows`, unless removed since. */
  private from = 0;
  private last = -1;

  constructor(limit: number) {
    this.limit = limit;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Takes the rows of one insert (seqs following on from each other). */
  push(rows: readonly InsertedRow[]): void {
    const first = rows[0];
    if (!first) return;
    // Rows came in by another way in between: what is held no longer runs on to these.
    if (first.seq !== this.last + 1) this.clear(first.seq);
    this.rows.push(...rows);
    this.last = (rows[rows.length - 1] as InsertedRow).seq;
    const over = this.rows.length - this.limit;
    if (over > 0) {
      this.from = (this.rows[over - 1] as InsertedRow).seq + 1;
      this.rows.splice(0, over);
    }
  }

  /**
   * Up to `max` rows after `seq`, in order, when every row after it the shard wrote is held (an
   * empty list: every row after it was removed since); null when not (read them from the shard).
   */
  after(seq: number, max: number): InsertedRow[] | null {
    if (seq + 1 < this.from || seq >= this.last) return null;
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.rows[mid] as InsertedRow).seq <= seq) lo = mid + 1;
      else hi = mid;
    }
    return this.rows.slice(lo, lo + max);
  }

  /** Forgets rows every reader has passed (seq ≤ `seq`): a cursor set back behind them reads DuckDB. */
  passed(seq: number): void {
    let n = 0;
    while (n < this.rows.length && (this.rows[n] as InsertedRow).seq <= seq) n++;
    if (n > 0) this.rows.splice(0, n);
    this.from = Math.max(this.from, seq + 1);
  }

  /** Rows that left the shard (aged, forgotten): never handed out. */
  remove(seqs: readonly number[]): void {
    const first = this.rows[0];
    if (!first || seqs.length === 0) return;
    const gone = new Set(seqs.filter((s) => s >= first.seq && s <= this.last));
    if (gone.size > 0) this.rows = this.rows.filter((r) => !gone.has(r.seq));
  }

  /** Holds nothing; the next push starts it again from `seq` (default: whatever comes). */
  clear(seq = 0): void {
    this.rows = [];
    this.from = seq;
    this.last = seq - 1;
  }
}
