import { keyOf, type MemoryKey, type StoredMemory, type SystemSummary } from '../storage/types.ts';
import type { Services } from './context.ts';
import { badInput } from './errors.ts';
import { SYSTEM_ID_PATTERN } from './ingest.ts';

/** Loads full records for many keys, one query per shard; null where a key is not stored. */
export async function loadMemories(
  services: Services,
  keys: readonly MemoryKey[],
): Promise<(StoredMemory | null)[]> {
  const byShard = new Map<number, MemoryKey[]>();
  for (const k of keys) {
    const shard = services.hot.shardFor(k.systemId).index;
    byShard.set(shard, [...(byShard.get(shard) ?? []), k]);
  }
  const found = new Map<string, StoredMemory>();
  const loaded = await Promise.all([...byShard].map(([s, ks]) => services.hot.shards[s]?.load(ks) ?? []));
  for (const m of loaded.flat()) found.set(keyOf(m), m);
  return keys.map((k) => found.get(keyOf(k)) ?? null);
}

export async function getMemory(services: Services, key: MemoryKey): Promise<StoredMemory | null> {
  if (!SYSTEM_ID_PATTERN.test(key.systemId)) throw badInput('systemId is not a valid system id');
  const [m] = await loadMemories(services, [key]);
  return m ?? null;
}

export async function listSystems(services: Services): Promise<SystemSummary[]> {
  const perShard = await Promise.all(services.hot.shards.map((s) => s.systems()));
  return perShard.flat().sort((a, b) => a.id.localeCompare(b.id));
}
