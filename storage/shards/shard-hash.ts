const encoder = new TextEncoder();

/**
 * FNV-1a (32-bit) over the UTF-8 bytes of a text, continuing from `h` (the offset basis by
 * default). ASCII characters are their own bytes: hashed as they are, without encoding the text
 * (key filters hash every key of a store at start).
 */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Everything before i was ASCII: i starts a character (a surrogate pair's first half at most).
    if (c >= 0x80) return fnv1aBytes(encoder.encode(text.slice(i)), h);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h;
}

function fnv1aBytes(bytes: Uint8Array, h: number): number {
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
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
