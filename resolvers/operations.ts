import type { Metrics } from '../monitoring/metrics.ts';
import type { AuditEntry, AuditRepo } from '../storage/audit/audit-repo.ts';
import { type PartHealth, type ShardPort, shardPartTier } from '../storage/port.ts';
import type { UploadLedger, UploadRecord, UploadStatus } from '../storage/sources/upload-ledger.ts';
import { checkUnrestricted, type Scope } from './scope.ts';
import { clampLimit } from './validation.ts';

// What operators read: the audit trail, dropped uploads, liveness, readiness and gauges.

export async function auditLog(
  deps: { audit: Pick<AuditRepo, 'list'> },
  f: { principal?: string | null; limit?: number | null },
  scope: Scope,
): Promise<AuditEntry[]> {
  checkUnrestricted(scope, 'the audit trail');
  return deps.audit.list({ principal: f.principal, limit: clampLimit(f.limit, 50, 1000) });
}

export async function droppedUploads(
  deps: { uploadLedger: Pick<UploadLedger, 'list'> },
  f: { status?: UploadStatus | null; limit?: number | null },
  scope: Scope,
): Promise<UploadRecord[]> {
  const all = await deps.uploadLedger.list({ status: f.status, limit: clampLimit(f.limit, 100, 1000) });
  return scope.patterns ? all.filter((u) => u.systemId !== null && scope.allows(u.systemId)) : all;
}

export type Health = {
  status: string;
  version: string;
  uptimeSeconds: number;
  shards: number;
  redis: 'off' | 'up' | 'down';
};

export function health(deps: {
  stores: Pick<ShardPort, 'shardCount'>;
  version: string;
  startedAt: Date;
  redisState: () => 'off' | 'up' | 'down';
}): Health {
  return {
    status: 'ok',
    version: deps.version,
    uptimeSeconds: (Date.now() - deps.startedAt.getTime()) / 1000,
    shards: deps.stores.shardCount,
    redis: deps.redisState(),
  };
}

type GaugeMetrics = Pick<
  Metrics,
  | 'hotStoreSize'
  | 'warmStoreSize'
  | 'coldStoreSize'
  | 'hotStoreRows'
  | 'tierMemories'
  | 'indexSize'
  | 'indexLag'
  | 'shardUp'
  | 'backgroundTaskUp'
>;

/** Probes every shard and the metadata database and sets akosha_shard_up; true when all answer. */
export async function probeStores(deps: {
  stores: Pick<ShardPort, 'health'>;
  metrics: Pick<Metrics, 'shardUp' | 'backgroundTaskUp'>;
}): Promise<PartHealth[]> {
  const parts = await deps.stores.health();
  for (const p of parts) {
    if (p.kind === 'store') deps.metrics.shardUp.set({ shard: p.part }, p.up ? 1 : 0);
    else deps.metrics.backgroundTaskUp.set({ task: p.part }, p.up ? 1 : 0);
  }
  return parts;
}

/**
 * Why a process holding shards (the all role, a store) is not ready: each part that did not answer
 * its probe, and each hot shard whose keyword postings it still rebuilds after a start (keyword
 * and filtered searches are slow until then).
 */
export function holderProblems(
  parts: readonly PartHealth[],
  stores: { indexer: { rebuildingPostings(): string[] } | null } | null,
): string[] {
  return [
    ...parts.filter((p) => !p.up).map((p) => `${p.part}: ${p.error}`),
    ...(stores?.indexer?.rebuildingPostings() ?? []).map(
      (shard) => `${shard}: rebuilding its keyword postings after the start`,
    ),
  ];
}

const TIER_NAMES = { hot: 'HOT', warm: 'WARM', meta: 'META' } as const;

export type ShardHealth = {
  shard: string;
  tier: 'HOT' | 'WARM' | 'META';
  store: number | null;
  up: boolean;
  error: string | null;
};

/** Each shard and metadata database, up or not, and the store holding it (the shard-health panel). */
export async function shardHealth(
  deps: Parameters<typeof probeStores>[0],
  scope: Scope,
): Promise<ShardHealth[]> {
  checkUnrestricted(scope, 'shardHealth');
  const parts = (await probeStores(deps)).filter((p) => p.kind === 'store');
  return parts.map((p) => ({
    shard: p.part,
    tier: TIER_NAMES[shardPartTier(p.part) ?? 'meta'],
    store: p.store ?? null,
    up: p.up,
    error: p.error,
  }));
}

/** Refreshes the gauges that are read from the stores, before a scrape. */
export async function refreshGauges(deps: {
  stores: Pick<ShardPort, 'stats' | 'indexStats' | 'health'>;
  metrics: GaugeMetrics;
}): Promise<void> {
  const { metrics } = deps;
  const [tiers, index] = await Promise.all([
    deps.stores.stats(),
    deps.stores.indexStats(),
    probeStores(deps),
  ]);
  for (const t of tiers) {
    metrics.tierMemories.set({ tier: t.tier.toLowerCase() }, t.rows);
    if (t.tier === 'HOT') {
      metrics.hotStoreSize.set(t.bytes);
      metrics.hotStoreRows.set(t.rows);
    } else (t.tier === 'WARM' ? metrics.warmStoreSize : metrics.coldStoreSize).set(t.bytes);
  }
  if (index) {
    metrics.indexSize.set(index.size);
    metrics.indexLag.set(index.lagRows);
  }
}

/** Checks every tier against its catalog; with collectOrphans, deletes cold objects no catalog entry names. */
export async function verifyStorage(
  deps: { stores: Pick<ShardPort, 'verify'> },
  collectOrphans: boolean | null | undefined,
  scope: Scope,
) {
  checkUnrestricted(scope, 'verifyStorage');
  return deps.stores.verify({ collectOrphans: collectOrphans ?? false });
}
