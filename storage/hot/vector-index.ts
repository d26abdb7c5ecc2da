import { Worker } from 'node:worker_threads';

// The main-thread side of storage/index-worker.ts: promise-based calls, vectors handed over
// without copying (transferred ArrayBuffers).

export type IndexConfig = {
  dimensions: number;
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
  quantization: 'f32' | 'f16' | 'i8';
};

export type Neighbours = { keys: bigint[]; distances: number[] };

export class VectorIndexHost {
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();

  constructor() {
    this.worker = new Worker(new URL('./index-worker.ts', import.meta.url));
    this.worker.on('message', (msg: { id: number; error?: string } & Record<string, unknown>) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error));
      else p.resolve(msg);
    });
    this.worker.on('error', (err) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    });
  }

  private call(msg: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Record<string, unknown>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  /** Opens the index of a shard: loaded from `file` when given (verified by the caller), else empty. */
  async open(
    shard: number,
    file: string | null,
    config: IndexConfig,
  ): Promise<{ size: number; loaded: boolean }> {
    const r = await this.call({ op: 'open', shard, file, config });
    return { size: Number(r.size), loaded: r.loaded === true };
  }

  async add(shard: number, keys: BigUint64Array, vectors: Float32Array): Promise<number> {
    const r = await this.call({ op: 'add', shard, keys, vectors }, [
      keys.buffer as ArrayBuffer,
      vectors.buffer as ArrayBuffer,
    ]);
    return Number(r.size);
  }

  /** k nearest keys of each query (queries laid end to end in one array). */
  async search(shard: number, queries: Float32Array, k: number, dimensions: number): Promise<Neighbours[]> {
    const n = queries.length / dimensions;
    const r = (await this.call({ op: 'search', shard, queries, k }, [queries.buffer as ArrayBuffer])) as {
      keys: BigUint64Array;
      distances: Float32Array;
      counts: number[];
      k?: number;
    };
    const stride = r.k ?? k;
    return Array.from({ length: n }, (_, i) => {
      const count = r.counts[i] ?? 0;
      const base = n === 1 ? 0 : i * stride;
      return {
        keys: Array.from(r.keys.subarray(base, base + count)),
        distances: Array.from(r.distances.subarray(base, base + count)),
      };
    });
  }

  async remove(shard: number, keys: BigUint64Array): Promise<number> {
    return Number((await this.call({ op: 'remove', shard, keys })).size);
  }

  async save(shard: number, file: string): Promise<void> {
    await this.call({ op: 'save', shard, file });
  }

  async reset(shard: number): Promise<void> {
    await this.call({ op: 'reset', shard });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
