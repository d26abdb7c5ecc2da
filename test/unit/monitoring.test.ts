import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../monitoring/metrics.ts';

const root = new URL('../../monitoring/', import.meta.url);
const metricNames = (text: string) =>
  new Set([...text.matchAll(/\bakosha_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')));

describe('alert rules and dashboards', () => {
  const exported = new Set(
    createMetrics({ defaultMetrics: false })
      .registry.getMetricsAsArray()
      .map((m) => m.name),
  );

  it('use only metrics the server exports', () => {
    const alerts = readFileSync(new URL('alerts.yaml', root), 'utf8');
    const used = metricNames(alerts);
    for (const file of readdirSync(new URL('dashboards/', root))) {
      const dashboard = JSON.parse(readFileSync(new URL(`dashboards/${file}`, root), 'utf8')) as {
        panels: { targets: { expr: string }[] }[];
      };
      for (const p of dashboard.panels)
        for (const t of p.targets) for (const n of metricNames(t.expr)) used.add(n);
    }
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((n) => !exported.has(n))).toEqual([]);
  });

  it('define the seed’s alerts and three dashboards', () => {
    const alerts = readFileSync(new URL('alerts.yaml', root), 'utf8');
    for (const name of [
      'HighIngestionBacklog',
      'HotStoreSizeCritical',
      'HighQueryLatency',
      'HotStoreSizeWarning',
      'QueryLatencyDegradation',
      'LowIngestionSuccessRate',
      'LowCacheHitRate',
      'BackupStale',
    ]) {
      expect(alerts).toContain(`alert: ${name}`);
    }
    expect(readdirSync(new URL('dashboards/', root)).sort()).toEqual([
      'ingestion.json',
      'query.json',
      'storage.json',
    ]);
  });
});
