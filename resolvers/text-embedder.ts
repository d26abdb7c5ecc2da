// The built-in text embedder behind `search(nearText:)`. It is LEXICAL, not semantic: words,
// word pairs and character trigrams are hashed into the vector space (the "hashing trick"),
// so texts that share words land near each other and synonyms do not. It downloads nothing
// and is deterministic. It does NOT live in the all-MiniLM-L6-v2 space that Session-Buddy's
// vectors come from: a real model plugs in by implementing TextEmbedder.

import { fnv1a } from '../storage/shards/shard-hash.ts';

export type TextEmbedder = {
  readonly name: string;
  readonly dimension: number;
  embed(text: string): Float32Array;
};

export function createHashingEmbedder(dimension: number): TextEmbedder {
  const add = (v: Float32Array, feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dimension] = (v[h % dimension] ?? 0) + (h & 0x80000000 ? -weight : weight);
  };
  return {
    name: 'hashing-lexical-v1',
    dimension,
    embed(text) {
      const v = new Float32Array(dimension);
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      words.forEach((w, i) => {
        add(v, `w:${w}`, 1);
        if (i > 0) add(v, `b:${words[i - 1]} ${w}`, 0.5);
        const padded = `^${w}$`;
        for (let j = 0; j + 3 <= padded.length; j++) add(v, `t:${padded.slice(j, j + 3)}`, 0.25);
      });
      return v;
    },
  };
}
