import { keyOf, type MemoryKey, type StoredMemory, type SystemSummary } from '../storage/types.ts';
import type { Services } from './context.ts';
import { checkSystemId } from './ingest.ts';

/** Full records for many keys from whichever tier holds them (hot, then warm, then cold); null where none does. */
export async function loadMemories(
  services: Services,
  keys: readonly MemoryKey[],
  opts: { withEmbedding?: boolean } = {},
): Promise<(StoredMemory | null)[]> {
  const { hot, warm, cold } = services.storage;
  const found = new Map<string, StoredMemory>();
  const fromShards = async (set: typeof hot, wanted: readonly MemoryKey[]) => {
    const byShard = new Map<number, MemoryKey[]>();
    for (const k of wanted) {
      const shard = set.shardFor(k.systemId).index;
      byShard.set(shard, [...(byShard.get(shard) ?? []), k]);
    }
    const loaded = await Promise.all(
      [...byShard].map(([s, ks]) => set.shards[s]?.load(ks, opts.withEmbedding) ?? []),
    );
    return loaded.flat();
  };
  const missing = () => keys.filter((k) => !found.has(keyOf(k)));
  for (const m of await fromShards(hot, keys)) found.set(keyOf(m), m);
  if (missing().length > 0) for (const m of await fromShards(warm, missing())) found.set(keyOf(m), m);
  if (missing().length > 0) for (const m of await cold.load(missing())) found.set(keyOf(m), m);
  return keys.map((k) => found.get(keyOf(k)) ?? null);
}

export async function getMemory(services: Services, key: MemoryKey): Promise<StoredMemory | null> {
  checkSystemId(key.systemId);
  const [m] = await loadMemories(services, [key]);
  return m ?? null;
}

/** Every system with memories in any tier. */
export async function listSystems(services: Services): Promise<SystemSummary[]> {
  const { hot, warm, cold } = services.storage;
  const parts = await Promise.all([
    ...hot.shards.map((s) => s.systems()),
    ...warm.shards.map((s) => s.systems()),
    cold.systems(),
  ]);
  const merged = new Map<string, SystemSummary>();
  for (const s of parts.flat()) {
    const m = merged.get(s.id);
    if (!m) merged.set(s.id, { ...s });
    else {
      m.memoryCount += s.memoryCount;
      if (s.lastUploadAt && (!m.lastUploadAt || s.lastUploadAt > m.lastUploadAt))
        m.lastUploadAt = s.lastUploadAt;
    }
  }
  return [...merged.values()].sort((a, b) => a.id.localeCompare(b.id));
}
