import { BM25 } from './keyword-sql.ts';

// The postings of one hot shard, in memory: for each term id, the rows (by seq) holding it and
// how often, plus each row's length in terms. Rows are added as the shard's index catches up and
// removed when they leave the shard (aging, forgetting); a removed row's entries stay in its
// terms' lists until a scan of a list finds more dead entries than live ones and rewrites it.
// A search reads only the lists of its terms, rarest first, and stops reading once no row it has
// not seen can reach its top (MaxScore): a common term's list is then only looked into for the
// rows the rarer terms found. About 6 bytes per (row, distinct term) pair.

/**
 * One term's rows, by seq (ascending: rows are added in seq order; a list added to out of order
 * is sorted before it is searched), with the count of those still held as of removal
 * generation `gen`.
 */
type List = { seqs: Uint32Array; tfs: Uint16Array; n: number; sorted: boolean; live: number; gen: number };

/** One hit: the row, its BM25 score, and each term's share of it (in the query's order). */
export type PostingHit = { seq: number; score: number; parts: number[] };

const MAX_SEQ = 2 ** 32 - 1;

export class Postings {
  private readonly lists = new Map<number, List>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;
  /** Bumped by each removal: a list's live count from an earlier generation is counted again. */
  private gen = 0;

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
        list = {
          seqs: new Uint32Array(4),
          tfs: new Uint16Array(4),
          n: 0,
          sorted: true,
          live: 0,
          gen: this.gen,
        };
        this.lists.set(term, list);
      }
      if (list.n > 0 && (list.seqs[list.n - 1] as number) > seq) list.sorted = false;
      if (list.gen === this.gen) list.live++;
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
      this.gen++;
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
   * memories per term), best first (equal scores: lower seq first).
   *
   * Exact, and pruned: a term's part of a score is below idf × (k1 + 1), so the lists are read
   * rarest first and a row first met in list p scores below the sum of those bounds from p on.
   * Once the `limit`-th best score so far is above that sum, the lists left are not read: a
   * common word costs a lookup for each row the rarer words found, not a pass over its list.
   */
  search(terms: readonly number[], limit: number, accept: (seq: number) => boolean): PostingHit[] {
    const n = this.lengths.size;
    if (n === 0 || limit < 1) return [];
    const avgdl = this.totalLength / n;
    const { k1, b } = BM25;
    const query = terms.map((term) => {
      const list = this.lists.get(term);
      const df = list ? this.liveCount(term, list) : 0;
      if (!list || df === 0) return null;
      if (!list.sorted) sortList(list);
      return { list, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
    });
    const partOf = (i: number, seq: number): number => {
      const t = query[i];
      const at = t ? find(t.list, seq) : -1;
      if (!t || at < 0) return 0;
      const tf = t.list.tfs[at] as number;
      const dl = this.lengths.get(seq) as number;
      return (t.idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl));
    };
    // Rarest first; rest[p]: the most a row held by none of the lists before p can score.
    const order = query
      .flatMap((t, i) => (t ? [i] : []))
      .sort((x, y) => (query[y]?.idf ?? 0) - (query[x]?.idf ?? 0));
    const rest = order.map((_, p) => order.slice(p).reduce((a, i) => a + (query[i]?.idf ?? 0) * (k1 + 1), 0));
    let top: PostingHit[] = [];
    const trim = () => {
      top = top.sort((x, y) => y.score - x.score || x.seq - y.seq).slice(0, limit);
    };
    for (const [p, i] of order.entries()) {
      trim();
      const threshold =
        top.length === limit ? (top[limit - 1] as PostingHit).score : Number.NEGATIVE_INFINITY;
      // (1 + 1e-9): the bound is exact, the sum of a score's parts is rounded.
      if ((rest[p] as number) * (1 + 1e-9) < threshold) break;
      const { list } = query[i] as { list: List };
      const earlier = order.slice(0, p).map((e) => (query[e] as { list: List }).list);
      for (let j = 0; j < list.n; j++) {
        const seq = list.seqs[j] as number;
        // Held, not scored already (found through a rarer list), and let through.
        if (!this.lengths.has(seq) || earlier.some((l) => find(l, seq) >= 0) || !accept(seq)) continue;
        const parts = terms.map((_, t) => partOf(t, seq));
        top.push({ seq, score: parts.reduce((a, x) => a + x, 0), parts });
        if (top.length >= 4 * limit + 64) trim();
      }
    }
    trim();
    return top;
  }

  /**
   * How many rows a list holds that are still held; the list is rewritten without its dead
   * entries when they are the majority, and dropped when it has no live one.
   */
  private liveCount(term: number, list: List): number {
    if (list.gen === this.gen) return list.live;
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
    list.live = live;
    list.gen = this.gen;
    return live;
  }
}

/** Where a seq is in a sorted list, or -1. */
function find(list: List, seq: number): number {
  let lo = 0;
  let hi = list.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = list.seqs[mid] as number;
    if (at === seq) return mid;
    if (at < seq) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Puts a list's entries in seq order (a list added to out of order). */
function sortList(list: List): void {
  const order = Array.from({ length: list.n }, (_, i) => i).sort(
    (x, y) => (list.seqs[x] as number) - (list.seqs[y] as number),
  );
  const seqs = new Uint32Array(Math.max(4, list.n));
  const tfs = new Uint16Array(seqs.length);
  order.forEach((from, to) => {
    seqs[to] = list.seqs[from] as number;
    tfs[to] = list.tfs[from] as number;
  });
  list.seqs = seqs;
  list.tfs = tfs;
  list.sorted = true;
}
