import {
  DashboardBuilder,
  type DataSourceRef,
  DatasourceVariableBuilder,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as PieChart } from '@grafana/grafana-foundation-sdk/piechart';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as TimeSeries } from '@grafana/grafana-foundation-sdk/timeseries';

// The deployment guide's three dashboards, written with Grafana's typed builder. `node
// codegen.ts` writes them to monitoring/dashboards/*.json and into the Helm chart (Grafana
// provisioning ConfigMaps). Expressions sum over pods: an api pod exports request metrics, a
// store pod its shards' storage metrics (each pod only its own, so sums never count twice).

type Query = readonly [expr: string, legend: string];
type Panel = { title: string; unit: string; queries: Query[]; pie?: boolean };

const ratio = (part: string, whole: string) => `${part} / ${whole}`;
const quantile = (q: number, metric: string, window = '5m') =>
  `histogram_quantile(${q}, sum by (le) (rate(${metric}_bucket[${window}])))`;
const requests = (selector = '') => `sum(rate(akosha_ingestion_requests_total${selector}[5m]))`;
const cacheShare = (level: string) =>
  ratio(
    `sum(rate(akosha_query_cache_hits_total{level="${level}"}[5m]))`,
    'sum(rate(akosha_query_cache_hits_total[5m]))',
  );
const sizes: Query[] = [
  ['sum(akosha_hot_store_size_bytes)', 'hot'],
  ['sum(akosha_warm_store_size_bytes)', 'warm'],
  ['sum(akosha_cold_store_size_bytes)', 'cold'],
];

export const DASHBOARDS: Record<string, { title: string; panels: Panel[] }> = {
  ingestion: {
    title: 'Akosha — ingestion',
    panels: [
      {
        title: 'Uploads per minute',
        unit: 'short',
        queries: [
          ['sum(rate(akosha_ingestion_requests_total[1m])) * 60', 'requests/min'],
          ['sum(rate(akosha_pull_uploads_total[5m])) * 60', 'pulled uploads/min'],
        ],
      },
      {
        title: 'Ingestion latency P50/P99',
        unit: 's',
        queries: [
          [quantile(0.5, 'akosha_ingestion_duration_seconds'), 'p50'],
          [quantile(0.99, 'akosha_ingestion_duration_seconds'), 'p99'],
        ],
      },
      {
        title: 'Queue size',
        unit: 'short',
        queries: [['sum by (source) (akosha_ingestion_queue_size)', '{{source}}']],
      },
      {
        title: 'Error rate',
        unit: 'percentunit',
        queries: [[ratio(requests('{outcome="error"}'), requests()), 'errors']],
      },
      {
        title: 'Success rate',
        unit: 'percentunit',
        queries: [[ratio(requests('{outcome="ok"}'), requests()), 'ok']],
      },
      {
        title: 'Memories by outcome',
        unit: 'short',
        queries: [['sum by (outcome) (rate(akosha_ingestion_records_total[5m]))', '{{outcome}}']],
      },
    ],
  },
  query: {
    title: 'Akosha — query',
    panels: [
      {
        title: 'Queries per second',
        unit: 'short',
        queries: [['sum(rate(akosha_query_requests_total[1m]))', 'QPS']],
      },
      {
        title: 'Latency distribution',
        unit: 's',
        queries: [
          [quantile(0.5, 'akosha_query_duration_seconds'), 'p50'],
          [quantile(0.95, 'akosha_query_duration_seconds'), 'p95'],
          [quantile(0.99, 'akosha_query_duration_seconds'), 'p99'],
        ],
      },
      {
        title: 'Average result count',
        unit: 'short',
        queries: [
          [
            ratio('sum(rate(akosha_query_results_sum[5m]))', 'sum(rate(akosha_query_results_count[5m]))'),
            'hits',
          ],
        ],
      },
      {
        title: 'Shard health',
        unit: 'short',
        queries: [
          ['min by (shard) (akosha_shard_up)', '{{shard}}'],
          ['sum by (tier) (rate(akosha_tier_failures_total[5m]))', 'failures {{tier}}'],
        ],
      },
      {
        title: 'Searches per shard scan (batching)',
        unit: 'short',
        queries: [
          [
            ratio(
              'sum(rate(akosha_shard_scan_queries_total[5m]))',
              'sum(rate(akosha_shard_scans_total[5m]))',
            ),
            'per scan',
          ],
        ],
      },
      {
        title: 'Index lag',
        unit: 'short',
        queries: [
          ['sum(akosha_index_lag_rows)', 'rows not yet indexed'],
          ['sum(akosha_index_size)', 'indexed'],
        ],
      },
      {
        title: 'Cache hit rate',
        unit: 'percentunit',
        queries: [
          [cacheShare('l1'), 'L1'],
          [cacheShare('l2'), 'L2'],
          ['min(akosha_redis_up)', 'redis up'],
        ],
      },
    ],
  },
  storage: {
    title: 'Akosha — storage',
    panels: [
      { title: 'Hot / warm / cold size', unit: 'bytes', queries: sizes },
      {
        title: 'Migration throughput',
        unit: 'short',
        queries: [
          [
            'sum by (source_tier, target_tier) (rate(akosha_migration_records_total[5m]))',
            '{{source_tier}} → {{target_tier}}',
          ],
        ],
      },
      {
        title: 'Storage cost estimate (USD/month; hot 0.10, warm 0.05, cold 0.015 per GB)',
        unit: 'currencyUSD',
        queries: [
          [
            'sum(akosha_hot_store_size_bytes) / 1e9 * 0.10 + sum(akosha_warm_store_size_bytes) / 1e9 * 0.05 + sum(akosha_cold_store_size_bytes) / 1e9 * 0.015',
            'USD/month',
          ],
        ],
      },
      { title: 'Storage breakdown', unit: 'bytes', queries: sizes, pie: true },
      {
        title: 'Memories per tier',
        unit: 'short',
        queries: [['sum by (tier) (akosha_tier_memories)', '{{tier}}']],
      },
      {
        title: 'Migration job duration',
        unit: 's',
        queries: [[quantile(0.9, 'akosha_migration_duration_seconds', '1d'), 'p90']],
      },
    ],
  },
};

// biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax, not a template
const datasource: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

/** Each dashboard as the JSON Grafana provisions, by file name. */
export function dashboardFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, d] of Object.entries(DASHBOARDS)) {
    const builder = new DashboardBuilder(d.title)
      .uid(`akosha-${name}`)
      .tags(['akosha'])
      .editable()
      .time({ from: 'now-6h', to: 'now' })
      .refresh('30s')
      .withVariable(new DatasourceVariableBuilder('datasource').label('Prometheus').type('prometheus'));
    for (const p of d.panels) {
      const panel = (p.pie ? new PieChart() : new TimeSeries())
        .title(p.title)
        .unit(p.unit)
        .datasource(datasource);
      p.queries.forEach(([expr, legend], i) => {
        panel.withTarget(
          new DataqueryBuilder()
            .expr(expr)
            .legendFormat(legend)
            .refId(String.fromCharCode(65 + i))
            .datasource(datasource),
        );
      });
      builder.withPanel(panel);
    }
    files.set(`${name}.json`, `${JSON.stringify(builder.build(), null, 2)}\n`);
  }
  return files;
}
