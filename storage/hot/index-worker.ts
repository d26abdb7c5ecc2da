import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import usearch from 'usearch';

// The approximate (HNSW, usearch) indexes of the hot shards live in this worker thread: adding
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
  | { id: number; op: 'open'; shard: number; file: string | null; config: Config }
  | { id: number; op: 'add'; shard: number; keys: BigUint64Array; vectors: Float32Array }
  | { id: number; op: 'search'; searches: { shard: number; queries: Float32Array; k: number }[] }
  | { id: number; op: 'remove'; shard: number; keys: BigUint64Array }
  | { id: number; op: 'save'; shard: number; file: string }
  | { id: number; op: 'reset'; shard: number };

const { Index, MetricKind } = usearch;
const indexes = new Map<number, Entry>();
const threads = 2;
const SMALL_GRAPH = 20_000;

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
  /** usearch's per-thread contexts: set by the call that last reserved (an add that grew the index, or load). */
  contexts: number;
};

/**
 * Adds a batch. A small graph is built with one thread: usearch's multi-threaded insert into a
 * young graph now and then left a vector unreachable (1 in 40 exact matches missed after
 * rebuilding a 2k index, in 2-4 runs of 10); a large one takes both threads. usearch sizes its
 * per-thread contexts by the `threads` of the add that last grew the index (capacity doubles), and
 * an add or search with more threads than that fails ("Reserve capacity ahead of insertions /
 * searches!"), leaving a batch half inserted. So a call never uses more threads than there are
 * contexts; the move to two threads happens at the next growth, which reserves two.
 */
function addAll(entry: Entry, keys: BigUint64Array, vectors: Float32Array): void {
  if (keys.length === 0) return;
  const { index } = entry;
  const wanted = index.size() < SMALL_GRAPH ? 1 : threads;
  const grows = index.size() + keys.length >= index.capacity();
  const used = grows ? wanted : Math.max(1, Math.min(wanted, entry.contexts));
  index.add(keys, vectors, used);
  if (grows) entry.contexts = used;
}

function searchOne(shard: number, queries: Float32Array, wanted: number) {
  const entry = indexes.get(shard);
  if (!entry) throw new Error(`index ${shard} not open`);
  if (entry.index.size() === 0)
    return { keys: new BigUint64Array(0), distances: new Float32Array(0), counts: [] };
  const k = Math.min(wanted, entry.index.size());
  const out = entry.index.search(queries, k, Math.max(1, Math.min(threads, entry.contexts))) as unknown as {
    keys: BigUint64Array;
    distances: Float32Array;
    counts?: BigUint64Array;
  };
  const counts = out.counts ? Array.from(out.counts, Number) : [out.keys.length];
  return { keys: out.keys, distances: out.distances, counts, k };
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
    // A loaded index reserved contexts for every hardware thread (usearch's default).
    indexes.set(msg.shard, {
      index: loaded ? index : create(msg.config),
      config: msg.config,
      contexts: loaded ? availableParallelism() : 0,
    });
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
      return { size: entry.index.size() };
    case 'save':
      entry.index.save(msg.file);
      return { size: entry.index.size() };
    case 'reset':
      entry.index = create(entry.config);
      entry.contexts = 0;
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
