import type { Candidate } from '../shards/shard.ts';
import { Slots, widened } from './slots.ts';

/**
 * Values many rows share (system ids, projects, tag lists), each kept once under a number and
 * counted, so a value no row uses any more is forgotten. Number 0 stands for null.
 */
class Interned<T> {
  private readonly numberOf = new Map<string, number>();
  private readonly values: (T | undefined)[] = [undefined];
  private readonly keys: (string | undefined)[] = [undefined];
  private readonly uses: number[] = [0];
  private free: number[] = [];

  /** The value's number (one more use of it). */
  add(key: string, value: T): number {
    let n = this.numberOf.get(key);
    if (n === undefined) {
      n = this.free.pop() ?? this.values.length;
      this.numberOf.set(key, n);
      this.values[n] = value;
      this.keys[n] = key;
      this.uses[n] = 0;
    }
    this.uses[n] = (this.uses[n] ?? 0) + 1;
    return n;
  }

  /** One use less of value `n`; the last one forgets it. */
  release(n: number): void {
    if (n === 0) return;
    const left = (this.uses[n] ?? 1) - 1;
    this.uses[n] = left;
    if (left > 0) return;
    this.numberOf.delete(this.keys[n] ?? '');
    this.values[n] = undefined;
    this.keys[n] = undefined;
    this.free.push(n);
  }

  value(n: number): T | null {
    return n === 0 ? null : (this.values[n] ?? null);
  }

  clear(): void {
    this.numberOf.clear();
    this.values.length = 1;
    this.keys.length = 1;
    this.uses.length = 1;
    this.free = [];
  }
}

/**
 * The ids and filter columns of an index's rows, by seq, so a search needs no DuckDB lookup for
 * its candidates. Kept in typed arrays by slot (the system, project and tag list as numbers of
 * values kept once), not as an object a row: a store of millions of rows then holds one string
 * (the id) a row for the garbage collector to walk, not three objects, and about half the memory.
 * `get` builds a Candidate when asked.
 */
export class Candidates implements Iterable<[number, Candidate]> {
  private readonly slots = new Slots((n) => {
    this.system = widened(this.system, n);
    this.project = widened(this.project, n);
    this.tags = widened(this.tags, n);
    this.ts = widened(this.ts, n);
  });
  private ids: (string | undefined)[] = [];
  private system = new Uint32Array(1024);
  private project = new Uint32Array(1024);
  private tags = new Uint32Array(1024);
  private ts = new Float64Array(1024);
  private readonly systems = new Interned<string>();
  private readonly projects = new Interned<string>();
  private readonly tagLists = new Interned<string[]>();

  get size(): number {
    return this.slots.size;
  }

  has(seq: number): boolean {
    return this.slots.has(seq);
  }

  get(seq: number): Candidate | undefined {
    const slot = this.slots.of(seq);
    if (slot === undefined) return undefined;
    return {
      systemId: this.systems.value(this.system[slot] ?? 0) ?? '',
      id: this.ids[slot] ?? '',
      project: this.projects.value(this.project[slot] ?? 0),
      // Shared lists are never changed: candidates are only read (filters).
      tags: this.tagLists.value(this.tags[slot] ?? 0),
      ts: this.ts[slot] ?? 0,
    };
  }

  set(seq: number, c: Candidate): void {
    if (this.slots.has(seq)) this.delete(seq);
    const slot = this.slots.take(seq);
    this.ids[slot] = c.id;
    this.system[slot] = this.systems.add(c.systemId, c.systemId);
    this.project[slot] = c.project === null ? 0 : this.projects.add(c.project, c.project);
    this.tags[slot] = c.tags === null ? 0 : this.tagLists.add(JSON.stringify(c.tags), c.tags);
    this.ts[slot] = c.ts;
  }

  delete(seq: number): boolean {
    const slot = this.slots.release(seq);
    if (slot === undefined) return false;
    this.ids[slot] = undefined;
    this.systems.release(this.system[slot] ?? 0);
    this.projects.release(this.project[slot] ?? 0);
    this.tagLists.release(this.tags[slot] ?? 0);
    return true;
  }

  keys(): IterableIterator<number> {
    return this.slots.seqs();
  }

  *[Symbol.iterator](): Iterator<[number, Candidate]> {
    for (const seq of this.slots.seqs()) {
      const c = this.get(seq);
      if (c) yield [seq, c];
    }
  }

  clear(): void {
    this.slots.clear();
    this.ids = [];
    for (const interned of [this.systems, this.projects, this.tagLists]) interned.clear();
  }
}
