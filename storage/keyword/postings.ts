import { BM25 } from './keyword-sql.ts';

// The postings of one hot shard, in memory: for each term id, the rows (by seq) holding it and
// how often, plus each row's length in terms. Rows are added as the shard's index catches up and
// removed when they leave the shard (aging, forgetting); a removed row's entries stay in its
// terms' lists until a scan of a list finds more dead entries than live ones and rewrites it.
// A search reads only the lists of its terms, so its cost follows how common they are, not the
// shard's size. About 6 bytes per (row, distinct term) pair.

type List = { seqs: Uint32Array; tfs: Uint16Array; n: number };

/** One hit: the row, its BM25 score, and each term's share of it (in the query's order). */
export type PostingHit = { seq: number; score: number; parts: number[] };

const MAX_SEQ = 2 ** 32 - 1;

export class Postings {
  private readonly lists = new Map<number, List>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;

  /** Rows held. */
  get size(): number {
    return this.lengths.size;
  }

  /** Whether a row of this seq can be held (seqs are kept as 32-bit numbers). */
  static holds(seq: number): boolean {
    return Number.isInteger(seq) && seq >= 0 && seq <= MAX_SEQ;
  }

  /** Adds a row's terms (ids in order, repeats counting); a row's terms never change, so one held is kept. */
  add(seq: number, terms: readonly number[]): void {
    if (!Postings.holds(seq)) throw new Error(`seq ${seq} cannot be held by the postings`);
    if (this.lengths.has(seq)) return;
    // Each distinct term with its count: runs of the sorted ids (a Map a row cost twice as much).
    const sorted = Float64Array.from(terms).sort();
    for (let i = 0; i < sorted.length; ) {
      const term = sorted[i] as number;
      let tf = 1;
      while (i + tf < sorted.length && sorted[i + tf] === term) tf++;
      i += tf;
      let list = this.lists.get(term);
      if (!list) {
        list = { seqs: new Uint32Array(4), tfs: new Uint16Array(4), n: 0 };
        this.lists.set(term, list);
      }
      if (list.n === list.seqs.length) {
        const seqs = new Uint32Array(list.n * 2);
        seqs.set(list.seqs);
        const tfs = new Uint16Array(list.n * 2);
        tfs.set(list.tfs);
        list.seqs = seqs;
        list.tfs = tfs;
      }
      list.seqs[list.n] = seq;
      list.tfs[list.n] = Math.min(tf, 0xffff);
      list.n++;
    }
    this.lengths.set(seq, terms.length);
    this.totalLength += terms.length;
  }

  remove(seqs: readonly number[]): void {
    for (const seq of seqs) {
      const length = this.lengths.get(seq);
      if (length === undefined) continue;
      this.lengths.delete(seq);
      this.totalLength -= length;
    }
  }

  clear(): void {
    this.lists.clear();
    this.lengths.clear();
    this.totalLength = 0;
  }

  /**
   * The best `limit` rows by BM25 for these term ids among those `accept` lets through, with the
   * statistics of every row held (like a SQL scan of the shard: memories, average length,
   * memories per term).
   */
  search(terms: readonly number[], limit: number, accept: (seq: number) => boolean): PostingHit[] {
    const n = this.lengths.size;
    if (n === 0) return [];
    const avgdl = this.totalLength / n;
    const { k1, b } = BM25;
    const scores = new Map<number, number[]>();
    terms.forEach((term, i) => {
      const list = this.lists.get(term);
      if (!list) return;
      const df = this.liveCount(term, list);
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (let j = 0; j < list.n; j++) {
        const seq = list.seqs[j] as number;
        const dl = this.lengths.get(seq);
        if (dl === undefined || !accept(seq)) continue;
        const tf = list.tfs[j] as number;
        const part = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));
        let parts = scores.get(seq);
        if (!parts) {
          parts = terms.map(() => 0);
          scores.set(seq, parts);
        }
        parts[i] = part;
      }
    });
    const hits: PostingHit[] = [];
    for (const [seq, parts] of scores) hits.push({ seq, score: parts.reduce((a, x) => a + x, 0), parts });
    return hits.sort((x, y) => y.score - x.score || x.seq - y.seq).slice(0, limit);
  }

  /**
   * How many rows a list holds that are still held; the list is rewritten without its dead
   * entries when they are the majority, and dropped when it has no live one.
   */
  private liveCount(term: number, list: List): number {
    let live = 0;
    for (let i = 0; i < list.n; i++) if (this.lengths.has(list.seqs[i] as number)) live++;
    if (live === 0) this.lists.delete(term);
    else if (live * 2 < list.n) {
      let to = 0;
      for (let i = 0; i < list.n; i++) {
        if (!this.lengths.has(list.seqs[i] as number)) continue;
        list.seqs[to] = list.seqs[i] as number;
        list.tfs[to] = list.tfs[i] as number;
        to++;
      }
      // Exact size again: the dead entries' room is given back.
      list.seqs = list.seqs.slice(0, to);
      list.tfs = list.tfs.slice(0, to);
      list.n = to;
    }
    return live;
  }
}
