import DataLoader from 'dataloader';
import type { Metrics } from '../monitoring/metrics.ts';
import type { ShardAnswer, ShardPort, ShardTier } from '../storage/port.ts';
import type { ShardQuery } from '../storage/types.ts';

export type ShardSearchBatcher = {
  search(tier: ShardTier, shard: number, query: ShardQuery): Promise<ShardAnswer>;
};

/**
 * Process-wide batching of searches per shard and tier (not per request), so aliases in one
 * request and separate requests arriving together share one call to the shard port. A batch is
 * dispatched when its shard is idle: while a call runs, new queries wait and then go together,
 * adding no latency when idle.
 */
export function createShardSearchBatcher(
  stores: Pick<ShardPort, 'shardCount' | 'shardName' | 'search'>,
  metrics: Pick<Metrics, 'shardScans' | 'shardScanQueries'>,
  opts: { maxBatchSize?: number } = {},
): ShardSearchBatcher {
  const loaderFor = (tier: ShardTier, shard: number) => {
    let idle: Promise<void> = Promise.resolve();
    const label = stores.shardName(tier, shard);
    return new DataLoader<ShardQuery, ShardAnswer>(
      async (queries) => {
        metrics.shardScans.inc({ shard: label });
        metrics.shardScanQueries.inc({ shard: label }, queries.length);
        const scan = stores.search(tier, shard, queries);
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
  };
  const shards = Array.from({ length: stores.shardCount }, (_, i) => i);
  const loaders = {
    hot: shards.map((i) => loaderFor('hot', i)),
    warm: shards.map((i) => loaderFor('warm', i)),
  };
  return {
    search(tier, shard, query) {
      const loader = loaders[tier][shard];
      if (!loader) return Promise.reject(new Error(`no ${tier} shard ${shard}`));
      return loader.load(query);
    },
  };
}
