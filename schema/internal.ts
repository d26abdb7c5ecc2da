import SchemaBuilder from '@pothos/core';
import { GraphQLError } from 'graphql';
import type { AuditRepo } from '../storage/audit/audit-repo.ts';
import {
  ColdTierError,
  type ExportFilter,
  type ShardPort,
  type ShardTier,
  ShardTimeoutError,
} from '../storage/port.ts';
import type { ExportSessions } from '../storage/remote/export-sessions.ts';
import { fromWire, toWire } from '../storage/remote/wire.ts';
import { ShardNotHeldError } from '../storage/shards/shard-set.ts';
import type { UploadLedger } from '../storage/sources/upload-ledger.ts';
import type { MemoryKey, MemoryRecord, ShardQuery } from '../storage/types.ts';

// The internal schema a store (AKOSHA_ROLE=store) serves to api pods at /internal/graphql, and
// nothing else: the shard port (storage/port.ts) field by field, plus the audit trail and the
// upload ledger that store 0 keeps for the whole deployment. Port values travel in the Wire
// scalar (storage/remote/wire.ts: JSON with dates and float32 vectors tagged, vectors as base64).
// An api pod sends one request per store for a whole DataLoader batch (`search(calls)`: every
// shard and query of the batch that this store holds). Errors carry a code the api maps back to
// the port's errors: SHARD_TIMEOUT, COLD_UNAVAILABLE, SHARD_NOT_HELD, STORE_ERROR.

export type StoreInfo = {
  ordinal: number;
  replicas: number;
  shards: number;
  held: number[];
  version: string;
};

export type InternalContext = {
  stores: ShardPort;
  exports: ExportSessions;
  audit: Pick<AuditRepo, 'record' | 'list'>;
  uploads: Pick<UploadLedger, 'discover' | 'finish' | 'list' | 'pendingCount'>;
  info: StoreInfo;
};

/** One shard's part of a batch: a tier, a shard number, its queries. */
export type SearchCall = { tier: ShardTier; shard: number; queries: ShardQuery[] };

const builder = new SchemaBuilder<{
  Context: InternalContext;
  DefaultFieldNullability: false;
  Scalars: { Wire: { Input: object; Output: unknown } };
}>({
  defaultFieldNullability: false,
  // No auth plugin here (the public builder's plugin types are global): every caller of this
  // schema presented the service token (server/internal-app.ts) and may call every field.
  scopeAuth: { authScopes: () => ({}) },
});

builder.scalarType('Wire', {
  description: 'A port value as JSON, dates as {"$date": ISO} and vectors as {"$f32": base64 float32}.',
  serialize: (v) => toWire(v),
  parseValue: (v) => fromWire<object>(v),
});

const CODES = new Map<new (...a: never[]) => Error, string>([
  [ShardTimeoutError, 'SHARD_TIMEOUT'],
  [ColdTierError, 'COLD_UNAVAILABLE'],
  [ShardNotHeldError, 'SHARD_NOT_HELD'],
]);

/** A store error with the code the api maps back (the message kept: only api pods see it). */
function coded(err: unknown): GraphQLError {
  const code = [...CODES].find(([type]) => err instanceof type)?.[1] ?? 'STORE_ERROR';
  return new GraphQLError(err instanceof Error ? err.message : String(err), { extensions: { code } });
}

const guarded =
  <A extends unknown[], R>(fn: (...a: A) => Promise<R> | R) =>
  async (...a: A): Promise<R> => {
    try {
      return await fn(...a);
    } catch (err) {
      throw coded(err);
    }
  };

const TIERS = new Set<string>(['hot', 'warm']);
function checkCalls(calls: unknown): SearchCall[] {
  if (!Array.isArray(calls))
    throw new GraphQLError('calls must be a list', { extensions: { code: 'BAD_INPUT' } });
  for (const c of calls as SearchCall[]) {
    if (!TIERS.has(c?.tier) || !Number.isInteger(c.shard) || !Array.isArray(c.queries))
      throw new GraphQLError('each call needs tier (hot|warm), shard and queries', {
        extensions: { code: 'BAD_INPUT' },
      });
  }
  return calls as SearchCall[];
}

const wire = (description: string) => ({ type: 'Wire' as const, description });

builder.queryType({
  fields: (t) => ({
    info: t.field({ ...wire('Ordinal, replicas, shards held.'), resolve: (_r, _a, c) => c.info }),
    search: t.field({
      type: ['Wire'],
      nullable: { list: false, items: true },
      description:
        'One answer list per call, in order; a call that failed is null with an error at its index.',
      args: { calls: t.arg({ type: 'Wire', required: true }) },
      resolve: (_r, a, c) =>
        checkCalls(a.calls).map((call) =>
          guarded(() => c.stores.search(call.tier, call.shard, call.queries))(),
        ),
    }),
    searchCold: t.field({
      ...wire('One query over the cold objects this store catalogs.'),
      args: { query: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { query: object }, c: InternalContext) =>
        c.stores.searchCold(a.query as ShardQuery),
      ),
    }),
    load: t.field({
      ...wire('Memories by key, null where none of this store’s tiers holds one.'),
      args: {
        keys: t.arg({ type: 'Wire', required: true }),
        withEmbedding: t.arg.boolean({ required: true }),
      },
      resolve: guarded((_r, a: { keys: object; withEmbedding: boolean }, c: InternalContext) =>
        c.stores.load(a.keys as MemoryKey[], { withEmbedding: a.withEmbedding }),
      ),
    }),
    systems: t.field({
      ...wire('SystemSummary list.'),
      resolve: guarded((_r, _a, c: InternalContext) => c.stores.systems()),
    }),
    stats: t.field({
      ...wire('TierStats list.'),
      resolve: guarded((_r, _a, c: InternalContext) => c.stores.stats()),
    }),
    indexStats: t.field({
      ...wire('IndexStats, or null when the index is off.'),
      nullable: true,
      resolve: guarded((_r, _a, c: InternalContext) => c.stores.indexStats()),
    }),
    health: t.field({
      ...wire('PartHealth list.'),
      resolve: guarded((_r, _a, c: InternalContext) => c.stores.health()),
    }),
    job: t.field({
      ...wire('This store’s part of a job.'),
      nullable: true,
      args: { id: t.arg.string({ required: true }) },
      resolve: guarded((_r, a: { id: string }, c: InternalContext) => c.stores.migrations.job(a.id)),
    }),
    jobs: t.field({
      ...wire('Jobs of this store.'),
      args: { filter: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { filter: object }, c: InternalContext) =>
        c.stores.migrations.jobs(a.filter as Parameters<ShardPort['migrations']['jobs']>[0]),
      ),
    }),
    events: t.field({
      ...wire('Progress events of a job in this store’s ledger after a seq.'),
      args: { jobId: t.arg.string({ required: true }), after: t.arg.int({ required: true }) },
      resolve: guarded((_r, a: { jobId: string; after: number }, c: InternalContext) =>
        c.stores.migrations.events(a.jobId, a.after),
      ),
    }),
    entities: t.field({
      ...wire('Entities of a system held here.'),
      args: { filter: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { filter: object }, c: InternalContext) =>
        c.stores.graph.entities(a.filter as Parameters<ShardPort['graph']['entities']>[0]),
      ),
    }),
    relations: t.field({
      ...wire('Relations of an entity.'),
      args: { filter: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { filter: object }, c: InternalContext) =>
        c.stores.graph.relations(a.filter as Parameters<ShardPort['graph']['relations']>[0]),
      ),
    }),
    audit: t.field({
      ...wire('The audit trail (store 0).'),
      args: { filter: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { filter: object }, c: InternalContext) =>
        c.audit.list(a.filter as Parameters<AuditRepo['list']>[0]),
      ),
    }),
    uploads: t.field({
      ...wire('The upload ledger (store 0).'),
      args: { filter: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { filter: object }, c: InternalContext) =>
        c.uploads.list(a.filter as Parameters<UploadLedger['list']>[0]),
      ),
    }),
    exportPage: t.field({
      ...wire('The next page of an export of a system held here: {rows, session}; session null at the end.'),
      args: {
        systemId: t.arg.string({ required: true }),
        where: t.arg({ type: 'Wire', required: true }),
        session: t.arg.string(),
      },
      resolve: guarded(
        (_r, a: { systemId: string; where: object; session?: string | null }, c: InternalContext) =>
          c.exports.next(a.systemId, a.where as ExportFilter, a.session ?? null),
      ),
    }),
    uploadsPending: t.int({ resolve: guarded((_r, _a, c: InternalContext) => c.uploads.pendingCount()) }),
  }),
});

builder.mutationType({
  fields: (t) => ({
    insert: t.field({
      ...wire('InsertOutcome of records written to a hot shard held here.'),
      args: { shard: t.arg.int({ required: true }), records: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { shard: number; records: object }, c: InternalContext) =>
        c.stores.insert(a.shard, a.records as MemoryRecord[]),
      ),
    }),
    startMigration: t.field({
      ...wire('This store’s part of a job started under the api’s id.'),
      args: { params: t.arg({ type: 'Wire', required: true }), id: t.arg.string({ required: true }) },
      resolve: guarded((_r, a: { params: object; id: string }, c: InternalContext) =>
        c.stores.migrations.start(a.params as Parameters<ShardPort['migrations']['start']>[0], { id: a.id }),
      ),
    }),
    forget: t.field({
      ...wire('This store’s part of a FORGET job.'),
      args: { filter: t.arg({ type: 'Wire', required: true }), id: t.arg.string({ required: true }) },
      resolve: guarded((_r, a: { filter: object; id: string }, c: InternalContext) =>
        c.stores.migrations.forget(a.filter as Parameters<ShardPort['migrations']['forget']>[0], {
          id: a.id,
        }),
      ),
    }),
    ageIfHotTooLarge: t.field({
      ...wire('Size-based aging of this store’s hot shards.'),
      nullable: true,
      resolve: guarded((_r, _a, c: InternalContext) => c.stores.migrations.ageIfHotTooLarge()),
    }),
    cancelMigration: t.field({
      ...wire('Asks this store’s part of a job to stop.'),
      nullable: true,
      args: { id: t.arg.string({ required: true }) },
      resolve: guarded((_r, a: { id: string }, c: InternalContext) => c.stores.migrations.cancel(a.id)),
    }),
    upsertEntities: t.field({
      ...wire('Entities of systems held here.'),
      args: { entities: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { entities: object }, c: InternalContext) =>
        c.stores.graph.upsertEntities(a.entities as Parameters<ShardPort['graph']['upsertEntities']>[0]),
      ),
    }),
    upsertRelations: t.field({
      ...wire('Relations of systems held here.'),
      args: { relations: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { relations: object }, c: InternalContext) =>
        c.stores.graph.upsertRelations(a.relations as Parameters<ShardPort['graph']['upsertRelations']>[0]),
      ),
    }),
    verify: t.field({
      ...wire('StorageReport of this store’s tiers and cold objects.'),
      args: { collectOrphans: t.arg.boolean({ required: true }) },
      resolve: guarded((_r, a: { collectOrphans: boolean }, c: InternalContext) =>
        c.stores.verify({ collectOrphans: a.collectOrphans }),
      ),
    }),
    recordAudit: t.boolean({
      args: { entry: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded(async (_r, a: { entry: object }, c: InternalContext) => {
        await c.audit.record(a.entry as Parameters<AuditRepo['record']>[0]);
        return true;
      }),
    }),
    discoverUploads: t.int({
      args: { keys: t.arg.stringList({ required: true }), now: t.arg({ type: 'Wire', required: true }) },
      resolve: guarded((_r, a: { keys: string[]; now: object }, c: InternalContext) =>
        c.uploads.discover(a.keys, a.now as Date),
      ),
    }),
    finishUpload: t.boolean({
      args: {
        key: t.arg.string({ required: true }),
        result: t.arg({ type: 'Wire', required: true }),
        now: t.arg({ type: 'Wire', required: true }),
      },
      resolve: guarded(async (_r, a: { key: string; result: object; now: object }, c: InternalContext) => {
        await c.uploads.finish(a.key, a.result as Parameters<UploadLedger['finish']>[1], a.now as Date);
        return true;
      }),
    }),
  }),
});

export const internalSchema = builder.toSchema();
