import DataLoader from 'dataloader';
import type { Metrics } from '../monitoring/metrics.ts';
import type { ShardAnswer } from '../storage/hot-search.ts';
import type { Shard } from '../storage/shard.ts';
import type { ShardSet } from '../storage/shard-set.ts';
import type { ShardQuery } from '../storage/types.ts';

export type ShardSearchBatcher = { search(shard: number, query: ShardQuery): Promise<ShardAnswer> };
export type BatchRunner = (shard: Shard, queries: readonly ShardQuery[]) => Promise<ShardAnswer[]>;

/**
 * Process-wide batching of searches per shard (not per request), so aliases in one request and
 * separate requests arriving together share one scan. A batch is dispatched when its shard is
 * idle: while a scan runs, new queries wait and then go together, adding no latency when idle.
 */
export function createShardSearchBatcher(
  set: ShardSet,
  metrics: Metrics,
  run: BatchRunner,
  opts: { maxBatchSize?: number } = {},
): ShardSearchBatcher {
  const loaders = set.shards.map((shard) => {
    let idle: Promise<void> = Promise.resolve();
    return new DataLoader<ShardQuery, ShardAnswer>(
      async (queries) => {
        const label = shard.name;
        metrics.shardScans.inc({ shard: label });
        metrics.shardScanQueries.inc({ shard: label }, queries.length);
        const scan = run(shard, queries);
        idle = scan.then(
          () => {},
          () => {},
        );
        return scan;
      },
      {
        cache: false,
        maxBatchSize: opts.maxBatchSize ?? 64,
        batchScheduleFn: (dispatch) => {
          idle.then(() => setImmediate(dispatch));
        },
      },
    );
  });
  return {
    search(shard, query) {
      const loader = loaders[shard];
      if (!loader) return Promise.reject(new Error(`no shard ${shard}`));
      return loader.load(query);
    },
  };
}
