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
