import DataLoader from 'dataloader';
import { checkMemoryKey, loadMemories } from '../resolvers/memories.ts';
import type { Permission } from '../resolvers/principal.ts';
import type { Context } from '../server/context.ts';
import { keyOf, type StoredMemory } from '../storage/types.ts';
import { refusal } from './auth.ts';
import { parseGlobalId } from './global-id.ts';

/** A value made once per request (keyed by its context) and shared by every resolver of it. */
export function perRequest<T>(make: (ctx: Context) => T): (ctx: Context) => T {
  const made = new WeakMap<Context, T>();
  return (ctx) => {
    if (!made.has(ctx)) made.set(ctx, make(ctx));
    return made.get(ctx) as T;
  };
}

/** One loader of memories per request: search hits, memory(), node() and _entities share it. */
export const memoryLoader = perRequest(
  (ctx): DataLoader<string, StoredMemory | null> =>
    new DataLoader((keys) => loadMemories(ctx.app, keys, ctx.budget), { maxBatchSize: 256 }),
);

/** The permission an entity's reference needs, as for the fields that return it. */
export function need(ctx: Context, permission: Permission, type: string): void {
  if (!ctx.auth.principal?.permissions.has(permission)) throw refusal(ctx.auth, type);
}

/** A memory by its global id, or by (systemId, clientId); out of scope reads as absent. */
export async function memoryByReference(
  ref: { id?: string; systemId?: string; clientId?: string },
  ctx: Context,
): Promise<StoredMemory | null> {
  need(ctx, 'query:search', 'Memory');
  const parsed = ref.id ? parseGlobalId(ref.id) : null;
  const systemId = parsed ? parsed.systemId : ref.systemId;
  const clientId = parsed ? parsed.clientId : ref.clientId;
  if ((ref.id && parsed?.type !== 'Memory') || !systemId || !clientId) return null;
  checkMemoryKey({ systemId, id: clientId });
  // Out of scope is answered like absent: a token learns nothing of other systems.
  if (!ctx.scope.allows(systemId)) return null;
  return memoryLoader(ctx).load(keyOf({ systemId, id: clientId }));
}
