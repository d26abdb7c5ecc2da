import { join } from 'node:path';
import { startTopology } from '../deploy/local/topology.ts';
import { concurrentQps, latencyAndRecall, waitForIndex } from './ann.ts';
import { BENCH_ENV, type Client, clientOf, log } from './lib.ts';

// The scale-out topology on the data the all role was measured on: an api pod in front of one
// store, then of two stores (Redis and s3rver beside them, all on this machine). What the hop
// api → store costs a search, and what a second store gives at 32 clients.

export type AllRole = { p50: number; p99: number; qps1: number; qps32: number };

export async function benchScaleOut(o: {
  dir: string;
  size: string;
  ingest: (client: Client) => Promise<number>;
  queries: Float32Array[];
  truth: string[][];
  all: AllRole;
}): Promise<string[][]> {
  const fmt = (n: number, unit: string, digits = 1) => `${n.toFixed(digits)} ${unit}`;
  const measured: Record<number, AllRole & { recall: number; ingest: number }> = {};
  for (const stores of [1, 2]) {
    log(`scale-out: api + ${stores} store(s): starting, ingesting the same memories`);
    const t = await startTopology({
      dir: join(o.dir, `topology-${stores}`),
      stores,
      apis: 1,
      env: BENCH_ENV,
    });
    try {
      const client = await clientOf((t.apis[0] as { url: string }).url);
      const ingest = await o.ingest(client);
      // The stores hold the indexes and report their lag; an api pod exports no storage gauges.
      for (const s of t.stores)
        await waitForIndex({ metrics: () => fetch(`${s.url}/metrics`).then((r) => r.text()) });
      log(`scale-out: api + ${stores} store(s): searches`);
      const one = await latencyAndRecall(client, o.queries, o.truth);
      const qps32 = await concurrentQps(client, o.queries, 32);
      measured[stores] = { p50: one.p50, p99: one.p99, qps1: one.qps, qps32, recall: one.recall, ingest };
    } catch (err) {
      // What the processes logged about it: a GraphQL error names no cause.
      for (const p of [...t.apis, ...t.stores])
        for (const line of p.process.logs().split('\n'))
          if (/"level":"(error|warning)"/i.test(line)) log(`scale-out: ${line.slice(0, 2000)}`);
      throw err;
    } finally {
      await t.stop();
    }
  }
  const one = measured[1] as (typeof measured)[number];
  const two = measured[2] as (typeof measured)[number];
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return [
    [
      `scale-out: search p50 / p99, ${o.size} hot, 1 client, all role (baseline)`,
      `${fmt(o.all.p50, 'ms')} / ${fmt(o.all.p99, 'ms')}`,
      '1.00×',
    ],
    [
      `scale-out: search p50 / p99, ${o.size} hot, 1 client, api + 1 store`,
      `${fmt(one.p50, 'ms')} / ${fmt(one.p99, 'ms')}`,
      `${x(one.p50, o.all.p50)} p50`,
    ],
    [`scale-out: search throughput, 1 client, api + 1 store`, fmt(one.qps1, 'QPS'), x(one.qps1, o.all.qps1)],
    [`scale-out: search throughput, 32 clients, all role (baseline)`, fmt(o.all.qps32, 'QPS'), '1.00×'],
    [
      `scale-out: search throughput, 32 clients, api + 1 store`,
      fmt(one.qps32, 'QPS'),
      x(one.qps32, o.all.qps32),
    ],
    [
      `scale-out: search throughput, 32 clients, api + 2 stores (same 2 cores)`,
      fmt(two.qps32, 'QPS'),
      `${x(two.qps32, one.qps32)} of 1 store`,
    ],
    [
      `scale-out: search p50 / p99, 1 client, api + 2 stores`,
      `${fmt(two.p50, 'ms')} / ${fmt(two.p99, 'ms')}`,
      '',
    ],
    [
      `scale-out: recall@10, api + 1 store / api + 2 stores`,
      `${one.recall.toFixed(3)} / ${two.recall.toFixed(3)}`,
      '',
    ],
    [
      `scale-out: ingest through the api, base64, 2 clients, api + 1 store / 2 stores`,
      `${fmt(one.ingest, 'memories/s', 0)} / ${fmt(two.ingest, 'memories/s', 0)}`,
      '',
    ],
  ];
}
