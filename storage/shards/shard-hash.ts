const encoder = new TextEncoder();

/** FNV-1a (32-bit) over the UTF-8 bytes of a text. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Stable shard choice. Never change it: existing shard files were filled with it. */
export function shardOf(systemId: string, shardCount: number): number {
  return fnv1a(systemId) % shardCount;
}

/** The store (by ordinal) that holds a shard when AKOSHA_STORE_REPLICAS stores share them. */
export function storeOf(shard: number, replicas: number): number {
  return shard % replicas;
}

/** The shards a store holds: every shard whose number leaves its ordinal modulo the replicas. */
export function shardsOfStore(ordinal: number, replicas: number, shardCount: number): number[] {
  return Array.from({ length: shardCount }, (_, i) => i).filter((i) => storeOf(i, replicas) === ordinal);
}
