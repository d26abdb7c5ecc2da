// Stable shard choice: FNV-1a (32-bit) over the UTF-8 bytes of the system id. Never change it:
// existing shard files were filled with it.
const encoder = new TextEncoder();

export function shardOf(systemId: string, shardCount: number): number {
  let h = 0x811c9dc5;
  for (const byte of encoder.encode(systemId)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shardCount;
}
