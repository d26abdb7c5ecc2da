/**
 * Slots by seq for columns kept in typed arrays: a row's values live at its slot, a removed row's
 * slot is reused, and the columns double when full (`grow` is told the new capacity). Rows then
 * cost no heap object each (a Map of small integers holds nothing the garbage collector walks),
 * which matters at millions of rows.
 */
export class Slots {
  private readonly slotOf = new Map<number, number>();
  private free: number[] = [];
  private used = 0;
  private capacity: number;
  private readonly grow: (capacity: number) => void;

  constructor(grow: (capacity: number) => void, capacity = 1024) {
    this.grow = grow;
    this.capacity = capacity;
  }

  get size(): number {
    return this.slotOf.size;
  }

  has(seq: number): boolean {
    return this.slotOf.has(seq);
  }

  of(seq: number): number | undefined {
    return this.slotOf.get(seq);
  }

  /**
   * The row's slot: its own if it has one, else a free or new one. A new slot may make the
   * columns grow (`grow` replaces them): take the slot first, then index the columns
   * (`this.col[this.slots.take(seq)] = v` reads the old column before growing and loses the write).
   */
  take(seq: number): number {
    const found = this.slotOf.get(seq);
    if (found !== undefined) return found;
    let slot = this.free.pop();
    if (slot === undefined) {
      if (this.used === this.capacity) {
        this.capacity *= 2;
        this.grow(this.capacity);
      }
      slot = this.used++;
    }
    this.slotOf.set(seq, slot);
    return slot;
  }

  /** Frees the row's slot; returns it (undefined when the row had none). */
  release(seq: number): number | undefined {
    const slot = this.slotOf.get(seq);
    if (slot === undefined) return undefined;
    this.slotOf.delete(seq);
    this.free.push(slot);
    return slot;
  }

  seqs(): IterableIterator<number> {
    return this.slotOf.keys();
  }

  entries(): IterableIterator<[number, number]> {
    return this.slotOf.entries();
  }

  clear(): void {
    this.slotOf.clear();
    this.free = [];
    this.used = 0;
  }
}

/** A typed array `a` widened to `n` elements, its values kept. */
export function widened<A extends Uint32Array | Float64Array>(a: A, n: number): A {
  const b = new (a.constructor as new (n: number) => A)(n);
  b.set(a);
  return b;
}
