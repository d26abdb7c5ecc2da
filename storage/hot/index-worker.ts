import { existsSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import usearch from 'usearch';
import { VectorFile, type VectorType } from './vector-file.ts';

// The approximate (HNSW, usearch) indexes of the hot and warm shards live in this worker thread: adding
// vectors takes seconds per thousand on two cores and would otherwise stall the event loop that
// answers queries. Messages: { id, op, ... } in, { id, ok, ... } or { id, error } out.

type Config = {
  dimensions: number;
  connectivity: number;
  expansionAdd: number;
  expansionSearch: number;
  quantization: string;
};
type Request =
  | {
      id: number;
      op: 'open';
      shard: string;
      file: string | null;
      vectorFile: string;
      vectorType: VectorType;
      config: Config;
    }
  | { id: number; op: 'add'; shard: string; keys: BigUint64Array; vectors: Float32Array }
  | { id: number; op: 'search'; searches: { shard: string; queries: Float32Array; k: number }[] }
  | { id: number; op: 'remove'; shard: string; keys: BigUint64Array }
  | { id: number; op: 'save'; shard: string; file: string }
  | { id: number; op: 'reset'; shard: string };

const { Index, MetricKind } = usearch;
/** By shard name (hot-3, warm-3). */
const indexes = new Map<string, Entry>();

function create(config: Config) {
  return new Index({
    dimensions: config.dimensions,
    metric: MetricKind.Cos,
    quantization: config.quantization as never,
    connectivity: config.connectivity,
    expansion_add: config.expansionAdd,
    expansion_search: config.expansionSearch,
    multi: false,
  });
}

type Entry = {
  index: InstanceType<typeof Index>;
  config: Config;
  /** A compressed index's exact vectors, to score its candidates exactly (null for f32). */
  vectors: VectorFile | null;
};

/**
 * Adds a batch, on this worker's one thread: the indexer feeds each worker its own shards at once,
 * so two workers keep two cores busy without usearch's multi-threaded insert (which into a young
 * graph now and then left a vector unreachable, and whose per-thread contexts must be reserved
 * ahead of every add and search).
 */
function addAll(entry: Entry, keys: BigUint64Array, vectors: Float32Array): void {
  if (keys.length === 0) return;
  // The exact vector is on disk before the index holds its key: every key found has one.
  entry.vectors?.write(Array.from(keys, Number), vectors);
  entry.index.add(keys, vectors, 1);
}

/**
 * Scores a compressed index's candidates again on their exact vectors (cosine distance, as
 * usearch reports it) and sorts each query's row by it: the caller gets exact scores whatever the
 * quantization.
 */
function rescore(
  vectors: VectorFile,
  queries: Float32Array,
  dimensions: number,
  out: { keys: BigUint64Array; distances: Float32Array; counts: number[]; k: number },
): void {
  const v = new Float32Array(dimensions);
  out.counts.forEach((count, i) => {
    const base = i * out.k;
    const q = queries.subarray(i * dimensions, (i + 1) * dimensions);
    let qq = 0;
    for (let d = 0; d < dimensions; d++) qq += (q[d] as number) * (q[d] as number);
    const row: { key: bigint; distance: number }[] = [];
    for (let j = 0; j < count; j++) {
      const key = out.keys[base + j] as bigint;
      if (!vectors.read(Number(key), v)) throw new Error(`no stored vector for key ${key}`);
      let dot = 0;
      let vv = 0;
      for (let d = 0; d < dimensions; d++) {
        const x = v[d] as number;
        dot += (q[d] as number) * x;
        vv += x * x;
      }
      row.push({ key, distance: qq > 0 && vv > 0 ? 1 - dot / Math.sqrt(qq * vv) : 1 });
    }
    row.sort((a, b) => a.distance - b.distance);
    row.forEach((r, j) => {
      out.keys[base + j] = r.key;
      out.distances[base + j] = r.distance;
    });
  });
}

function searchOne(shard: string, queries: Float32Array, wanted: number) {
  const entry = indexes.get(shard);
  if (!entry) throw new Error(`index ${shard} not open`);
  if (entry.index.size() === 0)
    return { keys: new BigUint64Array(0), distances: new Float32Array(0), counts: [] };
  const k = Math.min(wanted, entry.index.size());
  // One thread: each worker searches on its own core (two threads each measured 10 % fewer
  // searches a second at 32 clients: four threads on two cores).
  const out = entry.index.search(queries, k, 1) as unknown as {
    keys: BigUint64Array;
    distances: Float32Array;
    counts?: BigUint64Array;
  };
  const counts = out.counts ? Array.from(out.counts, Number) : [out.keys.length];
  const answer = { keys: out.keys, distances: out.distances, counts, k: out.counts ? k : out.keys.length };
  if (entry.vectors) rescore(entry.vectors, queries, entry.config.dimensions, answer);
  return answer;
}

/**
 * The vector file of a loaded compressed index, made to hold exactly the index's keys: vectors of
 * rows added after the index was last saved are dropped (the catch-up adds them again); false when
 * some indexed key has no vector (the index must be rebuilt).
 */
function matchVectors(index: InstanceType<typeof Index>, vectors: VectorFile): boolean {
  const keys = [...vectors.keys()];
  const held = keys.length > 0 ? (index.contains(BigUint64Array.from(keys, BigInt)) as boolean[]) : [];
  vectors.remove(keys.filter((_, i) => !held[i]));
  return vectors.size === index.size();
}

function handle(msg: Request): Record<string, unknown> {
  if (msg.op === 'open') {
    const index = create(msg.config);
    let loaded = false;
    // The caller passes a file only after checking it against its recorded checksum.
    if (msg.file !== null && existsSync(msg.file)) {
      try {
        index.load(msg.file);
        loaded = true;
      } catch {
        loaded = false;
      }
    }
    const vectors =
      msg.config.quantization === 'f32'
        ? null
        : VectorFile.open(msg.vectorFile, msg.config.dimensions, msg.vectorType);
    if (loaded && vectors && !matchVectors(index, vectors)) loaded = false;
    if (!loaded) vectors?.clear();
    indexes.get(msg.shard)?.vectors?.close();
    indexes.set(msg.shard, { index: loaded ? index : create(msg.config), config: msg.config, vectors });
    return { size: loaded ? index.size() : 0, loaded };
  }
  // Every shard's searches of one round in one message: a failure is that shard's answer only.
  if (msg.op === 'search')
    return {
      results: msg.searches.map((s) => {
        try {
          return searchOne(s.shard, s.queries, s.k);
        } catch (err) {
          return { error: err instanceof Error ? err.message : String(err) };
        }
      }),
    };
  const entry = indexes.get(msg.shard);
  if (!entry) throw new Error(`index ${msg.shard} not open`);
  switch (msg.op) {
    case 'add':
      addAll(entry, msg.keys, msg.vectors);
      return { size: entry.index.size() };
    case 'remove':
      for (const key of msg.keys) {
        try {
          entry.index.remove(key);
        } catch {
          // already absent
        }
      }
      entry.vectors?.remove(Array.from(msg.keys, Number));
      return { size: entry.index.size() };
    case 'save':
      entry.index.save(msg.file);
      return { size: entry.index.size() };
    case 'reset':
      entry.index = create(entry.config);
      entry.vectors?.clear();
      return { size: 0 };
    default:
      throw new Error('unknown op');
  }
}

parentPort?.on('message', (msg: Request) => {
  try {
    parentPort?.postMessage({ id: msg.id, ok: true, ...handle(msg) });
  } catch (err) {
    parentPort?.postMessage({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
