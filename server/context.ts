import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import type { Admission } from '../resolvers/admission.ts';
import type { EventBus } from '../resolvers/event-bus.ts';
import type { IngestDeps } from '../resolvers/ingest.ts';
import type { Principal } from '../resolvers/principal.ts';
import type { ResponseBudget } from '../resolvers/response-budget.ts';
import type { Scope } from '../resolvers/scope.ts';
import type { SearchDeps } from '../resolvers/search.ts';
import type { Generations, SearchCache } from '../resolvers/search-cache.ts';
import type { SnapshotDeps } from '../resolvers/snapshots.ts';
import type { WorkTracker } from '../resolvers/work.ts';
import type { AuditRepo } from '../storage/audit/audit-repo.ts';
import type { ShardPort } from '../storage/port.ts';
import type { UploadLedger } from '../storage/sources/upload-ledger.ts';

/**
 * What the schema hands to use cases: each use case declares the few of these it needs (its
 * own `*Deps` type), so this is only their union, built once by server/services.ts.
 */
export type AppDeps = IngestDeps &
  SearchDeps &
  SnapshotDeps & {
    stores: ShardPort;
    events: EventBus;
    audit: Pick<AuditRepo, 'list'>;
    uploadLedger: Pick<UploadLedger, 'list'>;
    work: WorkTracker;
    admission: Admission;
    cache: SearchCache | null;
    generations: Generations;
    redisState: () => 'off' | 'up' | 'down';
    metrics: Metrics;
    logger: Logger;
    clock: () => Date;
    startedAt: Date;
    version: string;
  };

/** Who is calling: a verified principal, or null with the reason (no token, expired...). */
export type Auth = { principal: Principal | null; problem: string | null; expiresAt: number | null };

/** Per-request GraphQL context. */
export type Context = {
  app: AppDeps;
  auth: Auth;
  /** Errors to report next to the data (a tier that failed while the others answered). */
  warnings: Error[];
  /** The bytes this request may still return (AKOSHA_MAX_RESPONSE_BYTES). */
  budget: ResponseBudget;
  /** The systems this caller may read and write (from the token's `systems` claim). */
  scope: Scope;
  /** Aborted when the client goes away (HTTP); long jobs stop then. */
  signal: AbortSignal | undefined;
};
