import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import type { StoredMemory } from '../types.ts';
import { Slots, widened } from './slots.ts';

/** A record's header: its row's seq (float64; 0 once removed) and the JSON's length (uint32). */
const HEADER = 12;
/** Larger records are not kept (their hits are read from DuckDB): the place packs the length in 16 bits. */
const MAX_RECORD = 65_535;
const PACK = 65_536;

type Revived = Omit<StoredMemory, 'timestamp' | 'uploadedAt'> & { timestamp: string; uploadedAt: string };

/**
 * The indexed hot rows' memories (everything but the embedding) as JSON records in a file beside
 * the index, each record's place by seq in memory (a float64 in a typed array a row): a search's hits
 * are read back with one pread each instead of one DuckDB query per shard (a point lookup costs
 * about a millisecond there, whatever the row). It only ever answers for rows its index holds:
 * removing a row marks its record dead on disk too, and the file is rewritten when dead records
 * outweigh the live ones. Anything it lacks is read from DuckDB, the source of truth.
 */
export class RecordFile {
  private fd: number;
  private readonly path: string;
  private readonly compactAfter: number;
  /** Each live record's place (offset × PACK + bytes), at its row's slot. */
  private readonly slots = new Slots((n) => {
    this.places = widened(this.places, n);
  });
  private places = new Float64Array(1024);
  private end = 0;
  private live = 0;
  private dead = 0;

  private constructor(path: string, compactAfter: number) {
    this.path = path;
    this.compactAfter = compactAfter;
    // Not 'a+': Linux ignores the position of writes to a file opened for appending.
    this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT);
  }

  /** Opens (or creates) the file and learns where each live record is; a torn last record is cut off. */
  static open(path: string, opts: { compactAfterBytes?: number } = {}): RecordFile {
    const file = new RecordFile(path, opts.compactAfterBytes ?? 64 * 2 ** 20);
    file.scan();
    return file;
  }

  private scan(): void {
    const size = fstatSync(this.fd).size;
    // Read a block at a time (a record is at most MAX_RECORD, so a block always holds the next one
    // whole), walking the headers inside it.
    const block = Buffer.alloc(16 * PACK);
    let offset = 0;
    let torn = false;
    while (!torn && offset + HEADER <= size) {
      const n = readSync(this.fd, block, 0, block.length, offset);
      let at = 0;
      while (at + HEADER <= n) {
        const seq = block.readDoubleLE(at);
        const bytes = HEADER + block.readUInt32LE(at + 8);
        if (bytes > MAX_RECORD || offset + at + bytes > size) {
          torn = true;
          break;
        }
        if (at + bytes > n) break;
        if (seq > 0 && Number.isSafeInteger(seq)) this.keep(seq, offset + at, bytes);
        else this.dead += bytes;
        at += bytes;
      }
      offset += at;
      if (at === 0) break;
    }
    if (offset < size) ftruncateSync(this.fd, offset);
    this.end = offset;
  }

  private placeOf(seq: number): number | undefined {
    const slot = this.slots.of(seq);
    return slot === undefined ? undefined : this.places[slot];
  }

  private keep(seq: number, offset: number, bytes: number): void {
    const before = this.placeOf(seq);
    if (before !== undefined) this.markDead([before]);
    // The slot first: taking it may widen `places` (indexing the old array would lose the write).
    const slot = this.slots.take(seq);
    this.places[slot] = offset * PACK + bytes;
    this.live += bytes;
  }

  /**
   * Marks records dead on disk: records next to each other become one dead record (seq 0, up to
   * MAX_RECORD bytes), one write each instead of one a record (aging 110k rows made 110k writes,
   * about 0.2 s of the main thread).
   */
  private markDead(places: number[]): void {
    // A place is offset × PACK + bytes: in the order of the places, in the order of the file.
    places.sort((a, b) => a - b);
    const header = Buffer.alloc(HEADER);
    let start = 0;
    let length = 0;
    const write = () => {
      if (length === 0) return;
      header.writeUInt32LE(length - HEADER, 8);
      writeSync(this.fd, header, 0, HEADER, start);
    };
    for (const place of places) {
      const offset = Math.floor(place / PACK);
      const bytes = place % PACK;
      this.live -= bytes;
      this.dead += bytes;
      if (length > 0 && start + length === offset && length + bytes <= MAX_RECORD) length += bytes;
      else {
        write();
        start = offset;
        length = bytes;
      }
    }
    write();
  }

  get size(): number {
    return this.slots.size;
  }

  has(seq: number): boolean {
    return this.slots.has(seq);
  }

  seqs(): IterableIterator<number> {
    return this.slots.seqs();
  }

  /** Appends the rows' memories (their embeddings are not kept). */
  append(rows: readonly { seq: number; memory: StoredMemory }[]): void {
    const parts: Buffer[] = [];
    const places: [number, number, number][] = [];
    let offset = this.end;
    for (const { seq, memory } of rows) {
      const { embedding: _, ...rest } = memory;
      const json = Buffer.from(JSON.stringify(rest));
      const bytes = HEADER + json.length;
      if (bytes > MAX_RECORD) continue;
      const header = Buffer.alloc(HEADER);
      header.writeDoubleLE(seq, 0);
      header.writeUInt32LE(json.length, 8);
      parts.push(header, json);
      places.push([seq, offset, bytes]);
      offset += bytes;
    }
    if (parts.length === 0) return;
    const all = Buffer.concat(parts);
    writeSync(this.fd, all, 0, all.length, this.end);
    this.end = offset;
    for (const [seq, at, bytes] of places) this.keep(seq, at, bytes);
  }

  /** The memory of row `seq`, or null when the file does not hold it. */
  read(seq: number): StoredMemory | null {
    const place = this.placeOf(seq);
    if (place === undefined) return null;
    const offset = Math.floor(place / PACK);
    const bytes = place % PACK;
    const buf = Buffer.allocUnsafe(bytes);
    if (bytes < HEADER || readSync(this.fd, buf, 0, bytes, offset) !== bytes || buf.readDoubleLE(0) !== seq)
      return null;
    let r: Revived;
    try {
      r = JSON.parse(buf.toString('utf8', HEADER)) as Revived;
    } catch {
      // A damaged record is as good as none: the hit is read from DuckDB, the source of truth.
      return null;
    }
    return { ...r, timestamp: new Date(r.timestamp), uploadedAt: new Date(r.uploadedAt), embedding: null };
  }

  /** Marks the rows' records dead; rewrites the file when dead records outweigh the live ones. */
  remove(seqs: readonly number[]): void {
    const places: number[] = [];
    for (const seq of seqs) {
      const place = this.placeOf(seq);
      if (place === undefined) continue;
      places.push(place);
      this.slots.release(seq);
    }
    this.markDead(places);
    if (this.dead > this.compactAfter && this.dead > this.live) this.compact();
  }

  /** Keeps only the records of these rows (an index loaded from disk: its rows). */
  keepOnly(seqs: { has(seq: number): boolean }): void {
    this.remove([...this.slots.seqs()].filter((s) => !seqs.has(s)));
  }

  private compact(): void {
    const tmp = `${this.path}.tmp`;
    const out = openSync(tmp, constants.O_RDWR | constants.O_CREAT | constants.O_TRUNC);
    const moved = new Float64Array(this.places.length);
    let offset = 0;
    try {
      for (const [, slot] of this.slots.entries()) {
        const place = this.places[slot] ?? 0;
        const bytes = place % PACK;
        const buf = Buffer.allocUnsafe(bytes);
        readSync(this.fd, buf, 0, bytes, Math.floor(place / PACK));
        writeSync(out, buf, 0, bytes, offset);
        moved[slot] = offset * PACK + bytes;
        offset += bytes;
      }
    } catch (err) {
      closeSync(out);
      throw err;
    }
    renameSync(tmp, this.path);
    closeSync(this.fd);
    this.fd = out;
    this.places = moved;
    this.end = offset;
    this.dead = 0;
  }

  /** Forgets every record (the index is rebuilt). */
  clear(): void {
    ftruncateSync(this.fd, 0);
    this.slots.clear();
    this.end = 0;
    this.live = 0;
    this.dead = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
