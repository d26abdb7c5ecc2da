import type { CachedResult, Generations, ResultStore } from '../../resolvers/search-cache.ts';
import type { RedisLink } from './connection.ts';

// The shared parts of the query cache in Redis: generations (INCR, read with one MGET) and
// results (SET with a TTL). A result is JSON; its dates are not needed (hits hold none).

export function redisGenerations(link: RedisLink): Generations {
  const key = (name: string) => `${link.prefix}gen:${name}`;
  return {
    async read(systemIds) {
      const names = ['layout', ...(systemIds ? systemIds.map((s) => `sys:${s}`) : ['all'])];
      const values = await link.commands.mget(...names.map(key));
      return names.map((n, i) => `${n}=${values[i] ?? 0}`).join('|');
    },
    async bumpSystems(systemIds) {
      const multi = link.commands.multi();
      for (const s of new Set(systemIds)) multi.incr(key(`sys:${s}`));
      multi.incr(key('all'));
      await multi.exec();
    },
    async bumpLayout() {
      await link.commands.incr(key('layout'));
    },
  };
}

export function redisResults(link: RedisLink, ttlSeconds: number): ResultStore {
  const key = (k: string) => `${link.prefix}search:${k}`;
  return {
    async get(k) {
      const text = await link.commands.get(key(k));
      return text ? (JSON.parse(text) as CachedResult) : null;
    },
    async set(k, value) {
      await link.commands.set(key(k), JSON.stringify(value), 'EX', ttlSeconds);
    },
  };
}
