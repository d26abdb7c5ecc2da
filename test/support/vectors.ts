import type { VectorQuery } from '../../storage/types.ts';
// Structured test vectors: normalize(W·z + 0.3·noise) with a 32-dim latent z, seeded. Random unit
// vectors would make every neighbour equally far and hide ranking bugs.
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createVectorSource(seed: number, dimension = 384, latent = 32) {
  const rand = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const w = Array.from({ length: dimension }, () => Array.from({ length: latent }, gauss));
  return {
    next(): number[] {
      const z = Array.from({ length: latent }, gauss);
      const v = w.map(
        (row) => row.reduce((s, x, i) => s + x * (z[i] ?? 0), 0) + 0.3 * gauss() * Math.sqrt(latent),
      );
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    },
  };
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

export function toBase64(v: readonly number[]): string {
  const buf = Buffer.alloc(v.length * 4);
  v.forEach((x, i) => {
    buf.writeFloatLE(x, i * 4);
  });
  return buf.toString('base64');
}

/** A shard port query for the `limit` nearest to a unit-length `vector`, with no filter. */
export const nearest = (vector: Float32Array, limit: number): VectorQuery => ({
  vector,
  limit,
  minScore: null,
  systemIds: null,
  projects: null,
  tags: null,
  from: null,
  to: null,
});
