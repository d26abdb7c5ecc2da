import type { Logger } from '../../monitoring/logger.ts';
import type { Metrics } from '../../monitoring/metrics.ts';
import { createLocalEventBus, type EventBus } from '../../resolvers/event-bus.ts';
import {
  createL1,
  createLocalGenerations,
  type Generations,
  type SearchCache,
} from '../../resolvers/search-cache.ts';
import type { Config } from '../config.ts';
import { type CostBudget, createCostBudget } from '../cost-budget.ts';
import { redisGenerations, redisResults } from './cache.ts';
import { connectRedis, type RedisLink } from './connection.ts';
import { redisCostBudget } from './cost-budget.ts';
import { redisEventBus } from './event-bus.ts';

/**
 * What processes share: the query cache's generations and L2, events and cost budgets; in Redis
 * when AKOSHA_REDIS_HOST is set, else in this process. With Redis configured but down the cache
 * is not used at all (another process's writes could not invalidate it), budgets and events
 * are local; when it returns, the layout generation is bumped, so nothing cached before the
 * outage is ever served.
 */
export type Shared = {
  events: EventBus;
  generations: Generations;
  cache: SearchCache | null;
  budget: CostBudget;
  redisState(): 'off' | 'up' | 'down';
  /** The connection, when Redis is configured (scale-out roles use it for job progress). */
  link: RedisLink | null;
  /**
   * Takes `name` for `ms` unless another process holds it (SET NX PX). Without Redis, or while it
   * is away, always granted: then two processes may do the same work (idempotent where used).
   */
  claim(name: string, ms: number): Promise<boolean>;
  stop(): Promise<void>;
};

export function createShared(
  config: Config,
  logger: Logger,
  metrics: Pick<Metrics, 'redisUp' | 'registry'>,
): Shared {
  const perMinute = config.requestLimits.costBudgetPerMinute;
  const localBudget = createCostBudget(perMinute);
  const settings = config.cache.redis;
  // Without Redis there is nothing to be up or down: no series (RedisDown cannot fire).
  if (!settings) metrics.registry.removeSingleMetric('akosha_redis_up');
  const link: RedisLink | null = settings ? connectRedis(settings, logger, metrics) : null;
  const raw = link ? redisGenerations(link) : createLocalGenerations();
  const l1 = createL1(config.cache.l1Size);
  let ready = !link;
  const rearm = async () => {
    try {
      await raw.bumpLayout();
      l1.clear();
      ready = true;
    } catch {
      ready = false;
    }
  };
  // A generation that could not be bumped leaves the cache off until the layout bump succeeds.
  const stale = () => {
    ready = false;
    if (link?.up()) void rearm();
  };
  link?.onChange((up) => {
    if (up) void rearm();
    else ready = false;
  });
  const generations: Generations = {
    read: (systemIds) => raw.read(systemIds),
    bumpSystems: (systemIds) => raw.bumpSystems(systemIds).catch(stale),
    bumpLayout: () => raw.bumpLayout().catch(stale),
  };
  return {
    events: link ? redisEventBus(link) : createLocalEventBus(),
    generations,
    cache: config.cache.enabled
      ? {
          l1,
          l2: link && config.cache.l2Enabled ? redisResults(link, config.cache.ttlSeconds) : null,
          generations,
          usable: () => ready && (!link || link.up()),
        }
      : null,
    budget: link ? redisCostBudget(link, perMinute, localBudget) : localBudget,
    redisState: () => (link ? (link.up() ? 'up' : 'down') : 'off'),
    link,
    claim: async (name, ms) => {
      if (!link?.up()) return true;
      try {
        return (await link.commands.set(`${link.prefix}claim:${name}`, '1', 'PX', ms, 'NX')) === 'OK';
      } catch {
        return true;
      }
    },
    stop: async () => {
      await link?.stop();
    },
  };
}
