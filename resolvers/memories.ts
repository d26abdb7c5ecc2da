import { ColdTierError, type ShardPort } from '../storage/port.ts';
import { type MemoryKey, parseKey, type StoredMemory, type SystemSummary } from '../storage/types.ts';
import { AkoshaError, badInput } from './errors.ts';
import type { ResponseBudget } from './response-budget.ts';
import { type Scope, UNRESTRICTED } from './scope.ts';
import { CONTROL_CHARACTERS, checkSystemId, hasControlCharacters } from './validation.ts';

export type MemoryDeps = { stores: Pick<ShardPort, 'load'> };

const LOAD_CHUNK = 32;

/** The stores' load, with a cold failure reported as the coded TIER_UNAVAILABLE (never an unexpected error). */
async function load(
  deps: MemoryDeps,
  keys: readonly MemoryKey[],
  opts: { withEmbedding?: boolean } = {},
): Promise<(StoredMemory | null)[]> {
  try {
    return await deps.stores.load(keys, opts);
  } catch (err) {
    if (err instanceof ColdTierError)
      throw new AkoshaError('TIER_UNAVAILABLE', `COLD tier failed: ${err.message}`, { tier: 'COLD' });
    throw err;
  }
}

/** What a memory adds to a response: its text and metadata (and embedding, when read), in bytes. */
function responseBytes(m: StoredMemory): number {
  return m.content.length + JSON.stringify(m.metadata).length + (m.embedding ? m.embedding.length * 12 : 0);
}

/** Full records for keys as encoded by keyOf (the loaders' keys), in order; null where none is stored. */
export async function loadMemories(
  deps: MemoryDeps,
  keys: readonly string[],
  budget: ResponseBudget,
  opts: { withEmbedding?: boolean } = {},
): Promise<(StoredMemory | null)[]> {
  // In chunks, so a request over its budget stops after one chunk more than it may return.
  const out: (StoredMemory | null)[] = [];
  for (let i = 0; i < keys.length; i += LOAD_CHUNK) {
    const memories = await load(deps, keys.slice(i, i + LOAD_CHUNK).map(parseKey), opts);
    for (const m of memories) if (m) budget.charge(responseBytes(m));
    out.push(...memories);
  }
  return out;
}

/** The embeddings of the memories with these keys (as encoded by keyOf). */
export async function loadEmbeddings(
  deps: MemoryDeps,
  keys: readonly string[],
  budget: ResponseBudget,
): Promise<(number[] | null)[]> {
  const memories = await loadMemories(deps, keys, budget, { withEmbedding: true });
  return memories.map((m) => m?.embedding ?? null);
}

/** A memory key as a client gives it: a valid system id, an id without control characters. */
export function checkMemoryKey(key: MemoryKey): void {
  checkSystemId(key.systemId);
  if (hasControlCharacters(key.id)) throw badInput(`id must not contain ${CONTROL_CHARACTERS}`);
}

/** Every system with memories in any tier, by id (those in scope). */
export async function listSystems(
  deps: { stores: Pick<ShardPort, 'systems'> },
  scope: Scope = UNRESTRICTED,
): Promise<SystemSummary[]> {
  const merged = new Map<string, SystemSummary>();
  for (const s of await deps.stores.systems()) {
    const m = merged.get(s.id);
    if (!m) merged.set(s.id, { ...s });
    else {
      m.memoryCount += s.memoryCount;
      if (s.lastUploadAt && (!m.lastUploadAt || s.lastUploadAt > m.lastUploadAt))
        m.lastUploadAt = s.lastUploadAt;
      m.embeddingModels = [...new Set([...m.embeddingModels, ...s.embeddingModels])].sort();
    }
  }
  return [...merged.values()].filter((s) => scope.allows(s.id)).sort((a, b) => a.id.localeCompare(b.id));
}
