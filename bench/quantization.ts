// node bench/quantization.ts: the hot index's vector kinds (f32, f16, i8) on one 125k-vector
// shard (a 1M store's eighth), in process: build rate with two threads, memory, search time and
// recall@10 after rescoring the 40 best candidates on float32 (as the server does).
import usearch from 'usearch';
import { DIM, vectorSource } from './lib.ts';

const N = 125_000;
const Q = 200;
const next = vectorSource(42);
const flat = new Float32Array(N * DIM);
for (let i = 0; i < N; i++) flat.set(next(), i * DIM);
const queries = new Float32Array(Q * DIM);
for (let i = 0; i < Q; i++) queries.set(next(), i * DIM);
const exact = usearch.exactSearch(flat, queries, DIM, 10, usearch.MetricKind.Cos, 2) as unknown as {
  keys: BigUint64Array;
};
const keys = BigUint64Array.from({ length: N }, (_, i) => BigInt(i));

for (const quantization of ['f32', 'f16', 'i8']) {
  const rssBefore = process.memoryUsage().rss;
  const index = new usearch.Index({
    dimensions: DIM,
    metric: usearch.MetricKind.Cos,
    quantization: quantization as never,
    connectivity: 16,
    expansion_add: 128,
    expansion_search: 128,
    multi: false,
  });
  const started = performance.now();
  for (let i = 0; i < N; i += 4096)
    index.add(keys.subarray(i, i + 4096), flat.subarray(i * DIM, Math.min(N, i + 4096) * DIM), 2);
  const rate = N / ((performance.now() - started) / 1000);
  const mib = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  let found = 0;
  const searchStarted = performance.now();
  for (let q = 0; q < Q; q++) {
    const v = queries.subarray(q * DIM, q * DIM + DIM);
    const r = index.search(v, 40, 1) as unknown as { keys: BigUint64Array };
    const rescored = Array.from(r.keys, Number)
      .map((k) => {
        let d = 0;
        for (let j = 0; j < DIM; j++) d += (v[j] ?? 0) * (flat[k * DIM + j] ?? 0);
        return { k, d };
      })
      .sort((a, b) => b.d - a.d)
      .slice(0, 10);
    const truth = new Set(Array.from(exact.keys.subarray(q * 10, q * 10 + 10), Number));
    found += rescored.filter((c) => truth.has(c.k)).length;
  }
  const ms = (performance.now() - searchStarted) / Q;
  process.stdout.write(
    `${quantization}: build ${rate.toFixed(0)} vectors/s, +${mib.toFixed(0)} MiB RSS, search ${ms.toFixed(2)} ms, recall@10 rescored ${(found / (Q * 10)).toFixed(3)}\n`,
  );
}
