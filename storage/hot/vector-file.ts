import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

/** How a vector file stores each number: float32 (hot embeddings) or int8 (warm codes). */
export type VectorType = 'f32' | 'i8';

/**
 * The exact vectors of a compressed index's rows (hot: float32 embeddings; warm: its int8 codes,
 * which are what the tier scores), in a file of fixed-size slots (the row's key as a float64, then
 * its vector), so candidates are scored again exactly without keeping 1.5 kB a row in memory: a search reads its few candidates back (from the page cache, which RSS does not
 * count). A removed row's slot is marked free (key 0) and reused, so the file never outgrows the
 * largest number of rows held at once. Used only inside the index worker, synchronously.
 */
export class VectorFile {
  private readonly fd: number;
  private readonly dimensions: number;
  private readonly type: VectorType;
  private readonly slotBytes: number;
  private readonly slotOf = new Map<number, number>();
  private free: number[] = [];
  private slots = 0;
  private readonly slot: Buffer;

  private constructor(fd: number, dimensions: number, type: VectorType) {
    this.fd = fd;
    this.dimensions = dimensions;
    this.type = type;
    this.slotBytes = 8 + dimensions * (type === 'f32' ? 4 : 1);
    this.slot = Buffer.alloc(this.slotBytes);
  }

  /** Opens (or creates) the file and learns which slot holds which key. */
  static open(path: string, dimensions: number, type: VectorType = 'f32'): VectorFile {
    // Not 'a+': Linux ignores the position of writes to a file opened for appending.
    const file = new VectorFile(openSync(path, constants.O_RDWR | constants.O_CREAT), dimensions, type);
    file.scan();
    return file;
  }

  private scan(): void {
    this.slots = Math.floor(fstatSync(this.fd).size / this.slotBytes);
    const perRead = 2048;
    const block = Buffer.alloc(perRead * this.slotBytes);
    for (let first = 0; first < this.slots; first += perRead) {
      const n = Math.min(perRead, this.slots - first);
      readSync(this.fd, block, 0, n * this.slotBytes, first * this.slotBytes);
      for (let i = 0; i < n; i++) {
        const key = block.readDoubleLE(i * this.slotBytes);
        if (key > 0 && Number.isSafeInteger(key) && !this.slotOf.has(key)) this.slotOf.set(key, first + i);
        else this.free.push(first + i);
      }
    }
  }

  get size(): number {
    return this.slotOf.size;
  }

  keys(): IterableIterator<number> {
    return this.slotOf.keys();
  }

  /**
   * Stores each key's vector (vectors laid end to end, in the keys' order; an int8 file's are
   * whole numbers in [-128, 127]).
   */
  write(keys: readonly number[], vectors: Float32Array): void {
    const stored = this.type === 'f32' ? vectors : Int8Array.from(vectors);
    const bytes = new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength);
    const vectorBytes = this.slotBytes - 8;
    keys.forEach((key, i) => {
      const slot = this.slotOf.get(key) ?? this.free.pop() ?? this.slots++;
      this.slot.writeDoubleLE(key, 0);
      this.slot.set(bytes.subarray(i * vectorBytes, (i + 1) * vectorBytes), 8);
      writeSync(this.fd, this.slot, 0, this.slotBytes, slot * this.slotBytes);
      this.slotOf.set(key, slot);
    });
  }

  /** The key's vector, into `out`; false when the file does not hold it. */
  read(key: number, out: Float32Array): boolean {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return false;
    if (this.type === 'f32') {
      const target = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      return readSync(this.fd, target, 0, target.byteLength, slot * this.slotBytes + 8) === target.byteLength;
    }
    const codes = new Int8Array(this.slot.buffer, this.slot.byteOffset + 8, this.dimensions);
    const n = readSync(this.fd, codes, 0, this.dimensions, slot * this.slotBytes + 8);
    out.set(codes);
    return n === this.dimensions;
  }

  /** Frees the keys' slots. */
  remove(keys: readonly number[]): void {
    const zero = Buffer.alloc(8);
    for (const key of keys) {
      const slot = this.slotOf.get(key);
      if (slot === undefined) continue;
      writeSync(this.fd, zero, 0, 8, slot * this.slotBytes);
      this.slotOf.delete(key);
      this.free.push(slot);
    }
  }

  /** Forgets every vector (the index is rebuilt). */
  clear(): void {
    ftruncateSync(this.fd, 0);
    this.slotOf.clear();
    this.free = [];
    this.slots = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}
