import { graphql } from '../schema/operations/gql.ts';
import type { MigrationMove, Tier } from '../schema/operations/graphql.ts';
import { waitForIndex } from './ann.ts';
import { log, percentile, type Server } from './lib.ts';

const TOP10 = graphql(
  `query TiersSearch2($v: Vector!, $tiers: [Tier!]) { search(nearVector: $v, tiers: $tiers, limit: 10) { hits { clientId } } }`,
);

async function topIds(server: Server, q: Float32Array, tiers: Tier[]): Promise<string[]> {
  const data = (await server.gql(TOP10, { v: Array.from(q), tiers })) as {
    search: { hits: { clientId: string }[] };
  };
  return data.search.hits.map((h) => h.clientId);
}

const recall = (truth: string[][], got: string[][]) =>
  truth.reduce((n, t, i) => n + t.filter((id) => got[i]?.includes(id)).length, 0) /
  truth.reduce((n, t) => n + t.length, 0);

export async function migrate(
  server: Server,
  move: MigrationMove,
): Promise<{ seconds: number; records: number }> {
  const data = (await server.gql(
    graphql(
      `mutation TiersStartMigration($m: MigrationMove) { startMigration(input: { move: $m, olderThanDays: 7 }) { id } }`,
    ),
    {
      m: move,
    },
  )) as { startMigration: { id: string } };
  const id = data.startMigration.id;
  for (;;) {
    const j = (await server.gql(
      graphql(
        `query TiersMigrationJob($id: ID!) { migrationJob(id: $id) { status recordsDone error createdAt updatedAt } }`,
      ),
      {
        id,
      },
    )) as {
      migrationJob: {
        status: string;
        recordsDone: number;
        error: string | null;
        createdAt: string;
        updatedAt: string;
      };
    };
    // The job's own time, from its creation to its end (the server's clock, to the millisecond;
    // the polling below would add up to its interval).
    const { createdAt, updatedAt } = j.migrationJob;
    if (j.migrationJob.status === 'DONE')
      return {
        seconds: (Date.parse(updatedAt) - Date.parse(createdAt)) / 1000,
        records: j.migrationJob.recordsDone,
      };
    if (j.migrationJob.status !== 'RUNNING' && j.migrationJob.status !== 'PENDING')
      throw new Error(`migration ${j.migrationJob.status}: ${j.migrationJob.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * After the hot measurements, on a server with its indexes: hot → warm (timed), how long the warm
 * index took to catch up after the job ended, warm search (through the warm index) latency and
 * recall against the exact float32 top-10 (`truth`), warm → cold (timed), the cold recall, and
 * the latency of a cold search pruned to one system-day partition.
 */
export async function benchTiers(
  server: Server,
  queries: Float32Array[],
  truth: string[][],
  partition: { systemId: string; day: string },
) {
  // The server was just started: its start-up work first (the keyword postings it rebuilds count
  // in the index lag). Before 2026-12-03 evening the move was timed during it: 14.0k and 23.8k
  // memories/s in the runs of 18:40 and 19:43, against 26.0k and 36.7k on a started server.
  await waitForIndex(server);
  log('tiers: hot → warm');
  const toWarm = await migrate(server, 'HOT_TO_WARM');
  const moved = performance.now();
  await waitForIndex(server);
  const behind = (performance.now() - moved) / 1000;
  const warmLatencies: number[] = [];
  const warmTop: string[][] = [];
  for (const q of queries) {
    const t = performance.now();
    warmTop.push(await topIds(server, q, ['WARM']));
    warmLatencies.push(performance.now() - t);
  }
  const warmRecall = recall(truth, warmTop);
  log('tiers: warm → cold');
  const toCold = await migrate(server, 'WARM_TO_COLD');
  const coldQueries = queries.slice(0, 20);
  const coldTop: string[][] = [];
  for (const q of coldQueries) coldTop.push(await topIds(server, q, ['COLD']));
  const coldRecall = recall(truth.slice(0, 20), coldTop);
  const from = `${partition.day}T00:00:00Z`;
  const to = `${partition.day}T23:59:59Z`;
  const latencies: number[] = [];
  for (const q of queries.slice(0, 50)) {
    const t = performance.now();
    await server.gql(
      graphql(`query TiersSearch($v: Vector!, $s: [String!], $from: DateTime, $to: DateTime) {
        search(nearVector: $v, tiers: [COLD], systemIds: $s, from: $from, to: $to, limit: 10) { hits { clientId memory { content } } } }`),
      { v: Array.from(q), s: [partition.systemId], from, to },
    );
    latencies.push(performance.now() - t);
  }
  return [
    [
      'aging hot → warm (int8), through the job ledger',
      `${(toWarm.records / toWarm.seconds).toFixed(0)} memories/s`,
      '',
    ],
    [
      'aging warm → cold (Parquet, local folder)',
      `${(toCold.records / toCold.seconds).toFixed(0)} memories/s`,
      '',
    ],
    ['warm index caught up after the hot → warm job ended', `${behind.toFixed(1)} s`, ''],
    [
      `warm search p50 / p99 (int8 index), ${toWarm.records / 1000}k warm memories, 1 client`,
      `${percentile(warmLatencies, 50).toFixed(1)} / ${percentile(warmLatencies, 99).toFixed(1)} ms`,
      '',
    ],
    ['recall@10, warm int8 index vs exact float32', warmRecall.toFixed(3), ''],
    ['recall@10, cold vs exact float32', coldRecall.toFixed(3), ''],
    ['cold search p50, one system-day partition', `${percentile(latencies, 50).toFixed(1)} ms`, ''],
    ['cold search p99, one system-day partition', `${percentile(latencies, 99).toFixed(1)} ms`, ''],
  ];
}
