import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { startRedis } from '../../deploy/local/redis.ts';
import { DASHBOARDS } from '../../monitoring/dashboards.ts';
import { dataPaths } from '../support/app.ts';
import { post, type ServerProcess, startServerProcess, waitFor } from '../support/process.ts';
import { startPrometheus } from '../support/prometheus.ts';
import { createVectorSource } from '../support/vectors.ts';

const ALERTS = new URL('../../monitoring/alerts.yaml', import.meta.url).pathname;
type Rule = {
  alert: string;
  expr: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
};
const rules = (parse(readFileSync(ALERTS, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
  (g) => g.rules,
);

/** A histogram's cumulative buckets, every request in the bucket ending at `le`. */
const latency = (le: string, perMinute = 10) =>
  ['0.5', '1', '2', '5', '+Inf'].map((b) => ({
    series: `akosha_query_duration_seconds_bucket{le="${b}",pod="q-1"}`,
    values: Number(b === '+Inf' ? Number.POSITIVE_INFINITY : b) >= Number(le) ? `0+${perMinute}x40` : '0x40',
  }));
const pods = (metric: string, values: string[]) =>
  values.map((v, i) => ({ series: `${metric}{pod="p-${i}"}`, values: v }));

/** Each alert, with series that make it fire and series that keep it quiet (1-minute steps). */
const CASES: Record<
  string,
  { at: string; fire: object[]; quiet: object[]; labels?: Record<string, string> }
> = {
  HighIngestionBacklog: {
    at: '10m',
    fire: pods('akosha_ingestion_queue_size', ['600x15', '600x15']),
    quiet: pods('akosha_ingestion_queue_size', ['600x15', '300x15']),
  },
  HotStoreSizeCritical: {
    at: '15m',
    fire: pods('akosha_hot_store_size_bytes', ['60e9x20', '60e9x20']),
    quiet: pods('akosha_hot_store_size_bytes', ['40e9x20', '40e9x20']),
  },
  HotStoreSizeWarning: {
    at: '20m',
    fire: pods('akosha_hot_store_size_bytes', ['30e9x25', '30e9x25']),
    quiet: pods('akosha_hot_store_size_bytes', ['20e9x25', '20e9x25']),
  },
  HighQueryLatency: { at: '15m', fire: latency('5'), quiet: latency('0.5') },
  QueryLatencyDegradation: { at: '15m', fire: latency('2'), quiet: latency('0.5') },
  LowIngestionSuccessRate: {
    at: '25m',
    fire: [
      { series: 'akosha_ingestion_requests_total{outcome="ok",path="mutation"}', values: '0+80x30' },
      { series: 'akosha_ingestion_requests_total{outcome="error",path="mutation"}', values: '0+20x30' },
    ],
    quiet: [
      { series: 'akosha_ingestion_requests_total{outcome="ok",path="mutation"}', values: '0+99x30' },
      { series: 'akosha_ingestion_requests_total{outcome="error",path="mutation"}', values: '0+1x30' },
    ],
  },
  LowCacheHitRate: {
    at: '50m',
    fire: [
      { series: 'akosha_query_cache_hits_total{level="l1"}', values: '0+10x60' },
      { series: 'akosha_query_cache_hits_total{level="miss"}', values: '0+90x60' },
    ],
    quiet: [
      { series: 'akosha_query_cache_hits_total{level="l1"}', values: '0+50x60' },
      { series: 'akosha_query_cache_hits_total{level="miss"}', values: '0+50x60' },
    ],
  },
  BackupStale: {
    at: '3d',
    fire: [{ series: 'akosha_last_backup_timestamp_seconds', values: '0x4400' }],
    quiet: [{ series: 'akosha_last_backup_timestamp_seconds', values: `${2.5 * 86400}x4400` }],
  },
  BackgroundTaskFailing: {
    at: '15m',
    labels: { task: 'index-save' },
    fire: [{ series: 'akosha_background_task_up{task="index-save"}', values: '0x20' }],
    quiet: [{ series: 'akosha_background_task_up{task="index-save"}', values: '1x20' }],
  },
  RedisDown: {
    at: '10m',
    fire: pods('akosha_redis_up', ['1x15', '0x15']),
    quiet: pods('akosha_redis_up', ['1x15', '1x15']),
  },
};

/** promtool's output; its failure message (what did not match) in the error. */
function run(args: string[]): string {
  try {
    return execFileSync('promtool', args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** The left side of an alert's comparison: what must have a series on a live server. */
const measured = (expr: string) => expr.trim().replace(/\s*(>|<|==)\s*[\d.e*\s]+$/, '');

describe('alert rules (promtool)', () => {
  it('pass promtool check rules', () => {
    expect(run(['check', 'rules', ALERTS])).toMatch(new RegExp(`SUCCESS: ${rules.length} rules found`));
  });

  it('each alert fires on its series and stays quiet otherwise (promtool test rules)', () => {
    expect(Object.keys(CASES).sort()).toEqual(rules.map((r) => r.alert).sort());
    const tests = rules.flatMap((rule) => {
      const c = CASES[rule.alert];
      if (!c) return [];
      const outcome = (firing: boolean) => ({
        eval_time: c.at,
        alertname: rule.alert,
        exp_alerts: firing
          ? [{ exp_labels: { ...rule.labels, ...c.labels }, exp_annotations: rule.annotations }]
          : [],
      });
      return [
        { interval: '1m', input_series: c.fire, alert_rule_test: [outcome(true)] },
        { interval: '1m', input_series: c.quiet, alert_rule_test: [outcome(false)] },
      ];
    });
    const dir = mkdtempSync(join(tmpdir(), 'akosha-promtool-'));
    try {
      const file = join(dir, 'alerts.test.yaml');
      writeFileSync(file, stringify({ rule_files: [ALERTS], evaluation_interval: '1m', tests }));
      const out = run(['test', 'rules', file]);
      expect(out).toMatch(/SUCCESS/);
      // A case that expects the wrong outcome fails: the harness can tell firing from quiet.
      const inverted = tests.map((t, i) =>
        i === 0 ? { ...t, alert_rule_test: [{ ...t.alert_rule_test[0], exp_alerts: [] }] } : t,
      );
      writeFileSync(file, stringify({ rule_files: [ALERTS], evaluation_interval: '1m', tests: inverted }));
      expect(() => run(['test', 'rules', file])).toThrow(/HighIngestionBacklog/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('dashboards and alerts on a live server (Prometheus scraping Akosha)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'akosha-live-metrics-'));
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let server: ServerProcess;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;

  beforeAll(async () => {
    redis = await startRedis();
    server = await startServerProcess({ ...dataPaths(dir), AKOSHA_SHARDS: '2', ...redis.env() });
    const target = new URL(server.url).host;
    prometheus = await startPrometheus([target]);
    // A short workload: an ingest, searches (the later ones cached), a backup.
    const vectors = createVectorSource(7);
    const memories = Array.from({ length: 20 }, (_, i) => ({
      id: `m-${i}`,
      systemId: 'live-sys',
      kind: 'CONVERSATION',
      content: `memory ${i}`,
      embedding: vectors.next(),
      timestamp: '2026-12-01T00:00:00Z',
    }));
    const ingest = `mutation($input: [MemoryInput!]!) { ingestMemories(input: $input) { accepted } }`;
    expect((await post(server.url, ingest, { input: memories })).body.data.ingestMemories.accepted).toBe(20);
    const search = `query($v: Vector!) { search(nearVector: $v, limit: 3) { hits { score } } }`;
    for (let i = 0; i < 3; i++) await post(server.url, search, { v: memories[0]?.embedding });
    // A backup, so that BackupStale is quiet as on a healthy server.
    expect((await post(server.url, 'mutation { startBackup { id } }')).body.errors).toBeUndefined();
    const metricsUrl = server.url.replace(/\/graphql$/, '/metrics');
    await waitFor('the backup', async () => {
      const text = await (await fetch(metricsUrl)).text();
      return /^akosha_last_backup_timestamp_seconds [1-9]/m.test(text) ? true : undefined;
    });
    // Rates need two scrapes after the workload.
    await waitFor(
      'five scrapes',
      async () => {
        const r = await prometheus.query('count_over_time(up{job="akosha"}[1m])');
        const value = Number(
          (r.data?.result[0] as { value?: [number, string] } | undefined)?.value?.[1] ?? 0,
        );
        return value >= 5 ? value : undefined;
      },
      60_000,
    );
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await server?.kill();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Prometheus scrapes the server', async () => {
    const up = await prometheus.query('up{job="akosha"}');
    expect(up.data?.result).toEqual([expect.objectContaining({ value: [expect.any(Number), '1'] })]);
  });

  it('every dashboard expression evaluates without error and has a series', async () => {
    const empty: string[] = [];
    let count = 0;
    for (const d of Object.values(DASHBOARDS))
      for (const p of d.panels)
        for (const [expr] of p.queries) {
          count++;
          const r = await prometheus.query(expr);
          expect(r.status, `${p.title}: ${expr}: ${r.error}`).toBe('success');
          if ((r.data?.result.length ?? 0) === 0) empty.push(`${d.title} / ${p.title}: ${expr}`);
        }
    expect(count).toBeGreaterThan(20);
    expect(empty).toEqual([]);
  });

  it('every alert expression evaluates without error, its measured side has a series, and none fires', async () => {
    const empty: string[] = [];
    for (const rule of rules) {
      const whole = await prometheus.query(rule.expr);
      expect(whole.status, `${rule.alert}: ${whole.error}`).toBe('success');
      expect(whole.data?.result, `${rule.alert} fires on a healthy server`).toEqual([]);
      const side = await prometheus.query(measured(rule.expr));
      expect(side.status).toBe('success');
      if ((side.data?.result.length ?? 0) === 0) empty.push(`${rule.alert}: ${measured(rule.expr)}`);
    }
    expect(empty).toEqual([]);
  });
});
