import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration from AKOSHA_* variables', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      storage: { hotPath: './data/hot', shards: 8 },
      limits: { dimension: 384, maxBatchSize: 1000, queryTimeoutMs: 30_000, maxResults: 100 },
      metricsEnabled: true,
      logLevel: 'info',
    });
  });

  it('reads the seed’s spellings', () => {
    const c = loadConfig({
      AKOSHA_HOT_PATH: '/data/hot',
      AKOSHA_QUERY_TIMEOUT: '2.5',
      AKOSHA_MAX_RESULTS: '50',
      AKOSHA_METRICS_ENABLED: 'false',
      AKOSHA_LOG_LEVEL: 'WARNING',
      AKOSHA_SHARDS: '16',
      AKOSHA_PORT: '9000',
    });
    expect(c).toMatchObject({
      storage: { hotPath: '/data/hot', shards: 16 },
      limits: { queryTimeoutMs: 2500, maxResults: 50 },
      metricsEnabled: false,
      logLevel: 'warning',
      port: 9000,
    });
  });

  it('reports every bad value at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        AKOSHA_PORT: 'eighty',
        AKOSHA_SHARDS: '0',
        AKOSHA_METRICS_ENABLED: 'maybe',
        AKOSHA_LOG_LEVEL: 'LOUD',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['AKOSHA_PORT', 'AKOSHA_SHARDS', 'AKOSHA_METRICS_ENABLED', 'AKOSHA_LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
  });

  it('names an unknown or misspelled setting, with the likely intended one', () => {
    const problems = problemsOf({ AKOSHA_QUERY_TIMOUT: '5', AKOSHA_NOT_A_THING: '1', AKOSHA_PORT: '9000' });
    expect(problems).toEqual([
      'AKOSHA_QUERY_TIMOUT: unknown setting (did you mean AKOSHA_QUERY_TIMEOUT?)',
      'AKOSHA_NOT_A_THING: unknown setting',
    ]);
  });

  it('reads retention rules, and names a malformed one', () => {
    expect(
      loadConfig({ AKOSHA_RETENTION_DAYS: '365', AKOSHA_RETENTION_SYSTEMS: 'team-a-*=30, lab=0' }).aging
        .retention,
    ).toEqual({
      days: 365,
      systems: [
        { pattern: 'team-a-*', days: 30 },
        { pattern: 'lab', days: 0 },
      ],
    });
    expect(problemsOf({ AKOSHA_RETENTION_SYSTEMS: 'team-a-*=30,lab=forever' }).join('\n')).toMatch(
      /AKOSHA_RETENTION_SYSTEMS.*lab=forever/,
    );
  });

  it('reads the guide’s cache settings and the Redis connection', () => {
    const c = loadConfig({
      AKOSHA_CACHE_ENABLED: 'true',
      AKOSHA_L1_CACHE_SIZE: '500',
      AKOSHA_L2_CACHE_ENABLED: 'true',
      AKOSHA_REDIS_HOST: 'redis.akosha.svc',
      AKOSHA_REDIS_PORT: '6380',
      AKOSHA_REDIS_PASSWORD: 'secret',
    });
    expect(c.cache).toMatchObject({
      enabled: true,
      l1Size: 500,
      l2Enabled: true,
      redis: {
        host: 'redis.akosha.svc',
        port: 6380,
        password: 'secret',
        tls: false,
        db: 0,
        prefix: 'akosha:',
      },
    });
    expect(loadConfig({}).cache.redis).toBeNull();
  });

  it('checks what the api and store roles need, and takes a store ordinal from the pod name', () => {
    expect(problemsOf({ AKOSHA_ROLE: 'store' })).toEqual([
      'AKOSHA_SERVICE_TOKEN: the store role needs the service token shared by api and store pods',
      'AKOSHA_REDIS_HOST: the store role keeps its shared state (cache, events, budgets) in Redis',
      'AKOSHA_STORE_ORDINAL: unset, and HOSTNAME has no -<number> suffix to take it from (a StatefulSet pod name)',
    ]);
    expect(problemsOf({ AKOSHA_ROLE: 'api', AKOSHA_SERVICE_TOKEN: 'short' })[0]).toBe(
      'AKOSHA_SERVICE_TOKEN="short": expected at least 32 characters of a bearer token',
    );
    expect(
      problemsOf({ AKOSHA_ROLE: 'api', AKOSHA_SERVICE_TOKEN: 's'.repeat(32), AKOSHA_REDIS_HOST: 'r' }),
    ).toEqual([
      'AKOSHA_STORE_URLS: the api role needs the store URLs, in ordinal order',
      'AKOSHA_JWT_SECRET or AKOSHA_JWKS_URL: api pods must verify tokens alike (a generated development secret is per pod)',
    ]);
    const shared = {
      AKOSHA_SERVICE_TOKEN: 's'.repeat(32),
      AKOSHA_REDIS_HOST: '127.0.0.1',
      AKOSHA_JWT_SECRET: 'j'.repeat(32),
    };
    expect(problemsOf({ AKOSHA_ROLE: 'api', ...shared })).toEqual([
      'AKOSHA_STORE_URLS: the api role needs the store URLs, in ordinal order',
    ]);
    expect(
      problemsOf({ AKOSHA_ROLE: 'store', AKOSHA_STORE_REPLICAS: '2', HOSTNAME: 'akosha-store-2', ...shared }),
    ).toEqual(['AKOSHA_STORE_ORDINAL=2: must be below AKOSHA_STORE_REPLICAS (2)']);
    const store = loadConfig({
      AKOSHA_ROLE: 'store',
      AKOSHA_STORE_REPLICAS: '3',
      HOSTNAME: 'akosha-store-2',
      ...shared,
    });
    expect(store.cluster).toMatchObject({ ordinal: 2, replicas: 3 });
    const api = loadConfig({
      AKOSHA_ROLE: 'api',
      AKOSHA_STORE_URLS: 'http://store-0:8001, http://store-1:8001',
      ...shared,
    });
    expect(api.cluster).toMatchObject({
      replicas: 2,
      storeUrls: ['http://store-0:8001', 'http://store-1:8001'],
    });
    expect(problemsOf({ AKOSHA_ROLE: 'api', AKOSHA_STORE_URLS: 'ftp://x', ...shared })[0]).toMatch(
      /^AKOSHA_STORE_URLS=.*expected an http\(s\) URL/,
    );
    expect(loadConfig({ AKOSHA_ROLE: 'age' }).role).toBe('age');
    expect(loadConfig({}).role).toBe('all');
  });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
