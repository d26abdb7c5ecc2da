import { Worker } from 'node:worker_threads';
import type { VectorType } from './vector-file.ts';

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

/**
 * The index workers: the indexes of a shard (hot and warm, by shard name) live in worker
 * `slotOf(shard) mod n`, so the shards of one search round are searched on several cores at once.
 */
export class VectorIndexHost {
  private readonly workers: Worker[];
  private next = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();

  /** Where a shard's indexes go, from its number (by default the number itself). */
  private readonly slotOf: (shard: number) => number;

  constructor(workers: number, slotOf: (shard: number) => number = (shard) => shard) {
    this.slotOf = slotOf;
    this.workers = Array.from({ length: workers }, () => {
      const worker = new Worker(new URL('./index-worker.ts', import.meta.url));
      worker.on('message', (msg: { id: number; error?: string } & Record<string, unknown>) => {
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.error) p.reject(new Error(msg.error));
        else p.resolve(msg);
      });
      worker.on('error', (err) => {
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
      return worker;
    });
  }

  private readonly placed = new Map<string, Worker>();
  /** When a search last asked the workers (the indexer saves indexes while searches are quiet). */
  lastSearchAt = 0;

  /** The worker holding the index of the shard named `shard` (opened before). */
  workerOf(shard: string): Worker {
    const w = this.placed.get(shard);
    if (!w) throw new Error(`index ${shard} not open`);
    return w;
  }

  private call(
    worker: Worker,
    msg: Record<string, unknown>,
    transfer: ArrayBuffer[] = [],
  ): Promise<Record<string, unknown>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id }, transfer);
    });
  }

  /**
   * Opens the index of a shard (`shard` its name, `index` its number): loaded from `files.index`
   * when given (verified by the caller), else empty; a compressed index keeps its rows' exact
   * vectors in `files.vectors` to rescore with.
   */
  async open(
    shard: { name: string; index: number },
    files: { index: string | null; vectors: string; vectorType: VectorType },
    config: IndexConfig,
  ): Promise<{ size: number; loaded: boolean }> {
    const worker = this.workers[this.slotOf(shard.index) % this.workers.length] as Worker;
    this.placed.set(shard.name, worker);
    const r = await this.call(worker, {
      op: 'open',
      shard: shard.name,
      file: files.index,
      vectorFile: files.vectors,
      vectorType: files.vectorType,
      config,
    });
    return { size: Number(r.size), loaded: r.loaded === true };
  }

  async add(shard: string, keys: BigUint64Array, vectors: Float32Array): Promise<number> {
    const r = await this.call(this.workerOf(shard), { op: 'add', shard, keys, vectors }, [
      keys.buffer as ArrayBuffer,
      vectors.buffer as ArrayBuffer,
    ]);
    return Number(r.size);
  }

  /**
   * k nearest keys of each query (queries laid end to end in one array). The searches of every
   * shard asked within one turn of the event loop go to the worker as one message.
   */
  search(shard: string, queries: Float32Array, k: number, dimensions: number): Promise<Neighbours[]> {
    this.lastSearchAt = Date.now();
    return new Promise((resolve, reject) => {
      if (this.round.length === 0) setImmediate(() => this.flush());
      // n is read now: the queries' buffer is handed to the worker (detached) when sent.
      this.round.push({ shard, queries, n: queries.length / dimensions, k, resolve, reject });
    });
  }

  private round: {
    shard: string;
    queries: Float32Array;
    n: number;
    k: number;
    resolve: (n: Neighbours[]) => void;
    reject: (e: Error) => void;
  }[] = [];

  /** Sends the round's searches, one message per worker, and answers each from its worker's reply. */
  private flush(): void {
    const round = this.round;
    this.round = [];
    const byWorker = new Map<Worker, typeof round>();
    for (const s of round) {
      const w = this.workerOf(s.shard);
      const part = byWorker.get(w);
      if (part) part.push(s);
      else byWorker.set(w, [s]);
    }
    for (const [worker, part] of byWorker) void this.send(worker, part);
  }

  private async send(worker: Worker, part: VectorIndexHost['round']): Promise<void> {
    let r: { results: ({ error: string } | WorkerAnswer)[] };
    try {
      r = (await this.call(
        worker,
        { op: 'search', searches: part.map(({ shard, queries, k }) => ({ shard, queries, k })) },
        part.map((s) => s.queries.buffer as ArrayBuffer),
      )) as typeof r;
    } catch (err) {
      for (const s of part) s.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    part.forEach((s, i) => {
      const a = r.results[i];
      if (!a || 'error' in a) s.reject(new Error(a?.error ?? 'no answer from the index worker'));
      else s.resolve(neighbours(a, s.n, s.k));
    });
  }

  async remove(shard: string, keys: BigUint64Array): Promise<number> {
    return Number((await this.call(this.workerOf(shard), { op: 'remove', shard, keys })).size);
  }

  async save(shard: string, file: string): Promise<void> {
    await this.call(this.workerOf(shard), { op: 'save', shard, file });
  }

  async reset(shard: string): Promise<void> {
    await this.call(this.workerOf(shard), { op: 'reset', shard });
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

type WorkerAnswer = { keys: BigUint64Array; distances: Float32Array; counts: number[]; k?: number };

/** Each query's neighbours from the worker's flat answer (rows of `k`, `counts` valid each). */
function neighbours(r: WorkerAnswer, n: number, k: number): Neighbours[] {
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
