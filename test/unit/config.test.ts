import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration from AKOSHA_* variables', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8000,
      hotPath: './data/hot',
      shards: 8,
      dimension: 384,
      maxBatchSize: 1000,
      queryTimeoutMs: 30_000,
      maxResults: 100,
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
      hotPath: '/data/hot',
      queryTimeoutMs: 2500,
      maxResults: 50,
      metricsEnabled: false,
      logLevel: 'warning',
      shards: 16,
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
});
