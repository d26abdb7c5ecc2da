import type { ShardPort } from '../storage/port.ts';
import { type MemoryKey, parseKey, type StoredMemory, type SystemSummary } from '../storage/types.ts';
import { badInput } from './errors.ts';
import { checkSystemId, hasControlCharacters } from './validation.ts';

export type MemoryDeps = { stores: Pick<ShardPort, 'load'> };

/** Full records for keys as encoded by keyOf (the loaders' keys), in order; null where none is stored. */
export function loadMemories(
  deps: MemoryDeps,
  keys: readonly string[],
  opts: { withEmbedding?: boolean } = {},
): Promise<(StoredMemory | null)[]> {
  return deps.stores.load(keys.map(parseKey), opts);
}

/** The embeddings of the memories with these keys (as encoded by keyOf). */
export async function loadEmbeddings(
  deps: MemoryDeps,
  keys: readonly string[],
): Promise<(number[] | null)[]> {
  const memories = await loadMemories(deps, keys, { withEmbedding: true });
  return memories.map((m) => m?.embedding ?? null);
}

export async function getMemory(deps: MemoryDeps, key: MemoryKey): Promise<StoredMemory | null> {
  checkSystemId(key.systemId);
  if (hasControlCharacters(key.id)) throw badInput('id must not contain control characters');
  const [m] = await deps.stores.load([key]);
  return m ?? null;
}

/** Every system with memories in any tier, by id. */
export async function listSystems(deps: { stores: Pick<ShardPort, 'systems'> }): Promise<SystemSummary[]> {
  const merged = new Map<string, SystemSummary>();
  for (const s of await deps.stores.systems()) {
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
