// The built-in text embedder behind `search(nearText:)`. It is LEXICAL, not semantic: words,
// word pairs and character trigrams are hashed into the vector space (the "hashing trick"),
// so texts that share words land near each other and synonyms do not. It downloads nothing
// and is deterministic. It does NOT live in the all-MiniLM-L6-v2 space that Session-Buddy's
// vectors come from: a real model is an OpenAI-compatible embeddings endpoint
// (AKOSHA_EMBEDDING_URL: text-embeddings-inference, Ollama, hosted APIs), createHttpEmbedder.

import { fnv1a } from '../storage/shards/shard-hash.ts';
import { AkoshaError } from './errors.ts';

export type TextEmbedder = {
  readonly name: string;
  readonly dimension: number;
  embed(text: string): Promise<Float32Array>;
};

export function createHashingEmbedder(dimension: number): TextEmbedder {
  const add = (v: Float32Array, feature: string, weight: number) => {
    const h = fnv1a(feature);
    v[h % dimension] = (v[h % dimension] ?? 0) + (h & 0x80000000 ? -weight : weight);
  };
  return {
    name: 'hashing-lexical-v1',
    dimension,
    async embed(text) {
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

export type HttpEmbedderOptions = {
  /** The endpoint, or its base (…/v1): POST {model, input} → {data: [{embedding}]}. */
  url: string;
  model: string;
  apiKey?: string | undefined;
  dimension: number;
  timeoutMs: number;
  fetch?: typeof fetch;
};

const unavailable = (why: string) =>
  new AkoshaError('EMBEDDING_UNAVAILABLE', `the embeddings endpoint ${why}; nothing was searched`, {
    retryAfterSeconds: 5,
  });

/** An OpenAI-compatible embeddings endpoint; every failure is EMBEDDING_UNAVAILABLE with its cause. */
export function createHttpEmbedder(o: HttpEmbedderOptions): TextEmbedder {
  const endpoint = /\/embeddings\/?$/.test(o.url) ? o.url : `${o.url.replace(/\/$/, '')}/embeddings`;
  const doFetch = o.fetch ?? fetch;
  return {
    name: o.model,
    dimension: o.dimension,
    async embed(text) {
      let res: Response;
      try {
        res = await doFetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: o.model, input: text }),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
      } catch (err) {
        const timedOut = (err as { name?: string }).name === 'TimeoutError';
        throw unavailable(
          timedOut ? `did not answer within ${o.timeoutMs / 1000} s` : `is unreachable (${String(err)})`,
        );
      }
      const body = await res.text();
      if (!res.ok) throw unavailable(`answered HTTP ${res.status}: ${body.slice(0, 200)}`);
      let values: unknown;
      try {
        values = (JSON.parse(body) as { data?: { embedding?: unknown }[] }).data?.[0]?.embedding;
      } catch {
        throw unavailable('answered something that is not JSON');
      }
      if (!Array.isArray(values) || !values.every((x) => typeof x === 'number' && Number.isFinite(x)))
        throw unavailable('answered no embedding (expected data[0].embedding, a list of numbers)');
      if (values.length !== o.dimension)
        throw unavailable(
          `answered ${values.length} values for model ${o.model}, expected ${o.dimension} (AKOSHA_EMBEDDING_DIMENSION): a different model`,
        );
      return Float32Array.from(values as number[]);
    },
  };
}
