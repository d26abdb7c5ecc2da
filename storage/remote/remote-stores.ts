import DataLoader from 'dataloader';
import type { Logger } from '../../monitoring/logger.ts';
import type { AuditEntry } from '../audit/audit-repo.ts';
import { newJobId } from '../migration/migrator.ts';
import type {
  IndexStats,
  MigrationControl,
  PartHealth,
  ShardAnswer,
  ShardPort,
  ShardTier,
  StorageReport,
  TierStats,
} from '../port.ts';
import { StoreUnavailableError, shardPartTier } from '../port.ts';
import { shardOf, shardsOfStore, storeOf } from '../shards/shard-hash.ts';
import type { UploadLedger, UploadRecord } from '../sources/upload-ledger.ts';
import type {
  Entity,
  InsertOutcome,
  Job,
  JobStatus,
  MemoryKey,
  ProgressEvent,
  Relation,
  ShardQuery,
  StoredMemory,
  SystemSummary,
} from '../types.ts';
import type { ExportPage } from './export-sessions.ts';
import { createStoreClient, portError, type StoreClient } from './store-client.ts';

// The shard port of an api pod (AKOSHA_ROLE=api): every call goes to the store processes that
// hold the shards (AKOSHA_STORE_URLS, in ordinal order; shard s lives on store s mod replicas).
// Searches of one DataLoader round are gathered per store: one request carries every shard and
// query of the round that store holds. Jobs run on every store under one id; their progress is
// numbered and summed across stores by the stores themselves (migration/progress.ts), so here a
// job is its parts combined and its events the stores' ledgers merged by seq. The audit trail
// and the upload ledger of the deployment live on store 0.

export type RemoteStoresOptions = {
  urls: readonly string[];
  token: string;
  shards: number;
  timeoutMs: number;
  logger: Logger;
  clock: () => Date;
  /** Names a job's stores before they start it, so its DONE waits for each of them (Redis). */
  registerJob(id: string, ordinals: number[]): Promise<void>;
};

export type RemoteStores = ShardPort & {
  readonly audit: {
    record(e: AuditEntry): Promise<void>;
    list(f: { principal?: string | null; limit: number }): Promise<AuditEntry[]>;
  };
  readonly uploads: Pick<UploadLedger, 'discover' | 'finish' | 'list' | 'pendingCount'>;
  /** The store (ordinal) holding a shard. */
  storeOf(shard: number): number;
  close(): Promise<void>;
};

type SearchCall = { tier: ShardTier; shard: number; queries: readonly ShardQuery[] };

const Q = {
  search: 'query Search($calls: Wire!) { search(calls: $calls) }',
  searchCold: 'query SearchCold($query: Wire!) { searchCold(query: $query) }',
  load: 'query Load($keys: Wire!, $e: Boolean!) { load(keys: $keys, withEmbedding: $e) }',
  systems: '{ systems }',
  stats: '{ stats }',
  indexStats: '{ indexStats }',
  health: '{ health }',
  job: 'query Job($id: String!) { job(id: $id) }',
  jobs: 'query Jobs($filter: Wire!) { jobs(filter: $filter) }',
  events: 'query Events($jobId: String!, $after: Int!) { events(jobId: $jobId, after: $after) }',
  entities: 'query Entities($filter: Wire!) { entities(filter: $filter) }',
  relations: 'query Relations($filter: Wire!) { relations(filter: $filter) }',
  audit: 'query Audit($filter: Wire!) { audit(filter: $filter) }',
  uploads: 'query Uploads($filter: Wire!) { uploads(filter: $filter) }',
  uploadsPending: '{ uploadsPending }',
  exportPage:
    'query Export($systemId: String!, $where: Wire!, $session: String) { exportPage(systemId: $systemId, where: $where, session: $session) }',
  insert: 'mutation Insert($shard: Int!, $records: Wire!) { insert(shard: $shard, records: $records) }',
  start: 'mutation Start($params: Wire!, $id: String!) { startMigration(params: $params, id: $id) }',
  forget: 'mutation Forget($filter: Wire!, $id: String!) { forget(filter: $filter, id: $id) }',
  ageIfHotTooLarge: 'mutation { ageIfHotTooLarge }',
  cancel: 'mutation Cancel($id: String!) { cancelMigration(id: $id) }',
  upsertEntities: 'mutation E($entities: Wire!) { upsertEntities(entities: $entities) }',
  upsertRelations: 'mutation R($relations: Wire!) { upsertRelations(relations: $relations) }',
  verify: 'mutation Verify($c: Boolean!) { verify(collectOrphans: $c) }',
  recordAudit: 'mutation A($entry: Wire!) { recordAudit(entry: $entry) }',
  discoverUploads: 'mutation D($keys: [String!]!, $now: Wire!) { discoverUploads(keys: $keys, now: $now) }',
  finishUpload:
    'mutation F($key: String!, $result: Wire!, $now: Wire!) { finishUpload(key: $key, result: $result, now: $now) }',
};

const FINAL = new Set<JobStatus>(['DONE', 'FAILED', 'CANCELLED']);

/** A job as it stands across its stores' parts. */
export function combineJob(parts: readonly Job[]): Job | null {
  const [first] = parts;
  if (!first) return null;
  const statuses = parts.map((p) => p.status);
  const status: JobStatus = statuses.every((s) => FINAL.has(s))
    ? statuses.includes('FAILED')
      ? 'FAILED'
      : statuses.includes('CANCELLED')
        ? 'CANCELLED'
        : 'DONE'
    : statuses.every((s) => s === 'PENDING')
      ? 'PENDING'
      : 'RUNNING';
  const errors = parts.map((p) => p.error).filter((e): e is string => e !== null);
  const { hotSeqs: _seqs, ...params } = first.params;
  return {
    ...first,
    params,
    status,
    recordsTotal: parts.reduce((n, p) => n + p.recordsTotal, 0),
    recordsDone: parts.reduce((n, p) => n + p.recordsDone, 0),
    error: errors.length > 0 ? errors.join('; ') : null,
    createdAt: new Date(Math.min(...parts.map((p) => p.createdAt.getTime()))),
    updatedAt: new Date(Math.max(...parts.map((p) => p.updatedAt.getTime()))),
  };
}

export function createRemoteStores(o: RemoteStoresOptions): RemoteStores {
  const replicas = o.urls.length;
  const holder = (shard: number) => storeOf(shard, replicas);
  const names = (ordinal: number) =>
    shardsOfStore(ordinal, replicas, o.shards).flatMap((s) => [`hot-${s}`, `warm-${s}`]);
  const clients: StoreClient[] = o.urls.map((url, ordinal) =>
    createStoreClient({ ordinal, url, token: o.token, timeoutMs: o.timeoutMs, shardNames: names(ordinal) }),
  );
  const client = (ordinal: number): StoreClient => {
    const c = clients[ordinal];
    if (!c) throw new Error(`no store ${ordinal}`);
    return c;
  };
  const metaStore = client(0);
  const every = <T>(fn: (c: StoreClient) => Promise<T>) => Promise.all(clients.map(fn));
  const reachable = async <T>(what: string, fn: (c: StoreClient) => Promise<T>): Promise<T[]> => {
    const settled = await Promise.allSettled(clients.map(fn));
    const out: T[] = [];
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') out.push(s.value);
      else o.logger.warning(`${what}: store ${i} left out`, { error: String(s.reason) });
    });
    return out;
  };
  const ofSystem = (systemId: string) => client(holder(shardOf(systemId, o.shards)));
  const bySystem = <T extends { systemId: string }>(items: readonly T[]) => {
    const groups = new Map<number, T[]>();
    for (const it of items) {
      const k = holder(shardOf(it.systemId, o.shards));
      const group = groups.get(k);
      if (group) group.push(it);
      else groups.set(k, [it]);
    }
    return [...groups];
  };

  // One DataLoader per store over the shard searches of a round: one request for all of them.
  const searchers = clients.map(
    (c) =>
      new DataLoader<SearchCall, ShardAnswer[]>(
        async (calls) => {
          let body: Awaited<ReturnType<StoreClient['callPartial']>>;
          try {
            body = await c.callPartial(Q.search, { calls });
          } catch (err) {
            return calls.map(() => (err instanceof Error ? err : new Error(String(err))));
          }
          const answers = body.data.search as (ShardAnswer[] | null)[] | undefined;
          return calls.map((_, i) => {
            const a = answers?.[i];
            if (Array.isArray(a)) return a;
            const e = body.errors?.find((x) => x.path?.[1] === i) ?? { message: 'no answer' };
            return portError(e, c.ordinal);
          });
        },
        { cache: false, maxBatchSize: 512, batchScheduleFn: (run) => setImmediate(run) },
      ),
  );

  const field = async <T>(c: StoreClient, query: string, name: string, vars?: Record<string, unknown>) =>
    (await c.call(query, vars))[name] as T;

  const jobOf = async (id: string): Promise<Job | null> =>
    combineJob(
      (await reachable('job', (c) => field<Job | null>(c, Q.job, 'job', { id }))).filter(
        (j): j is Job => j !== null,
      ),
    );

  /** Starts a job under one id on every store (each must answer: a job's DONE waits for all). */
  const startEverywhere = async (prefix: string, send: (c: StoreClient, id: string) => Promise<Job>) => {
    const active = await every((c) =>
      field<Job[]>(c, Q.jobs, 'jobs', { filter: { statuses: ['PENDING', 'RUNNING'], limit: 1 } }),
    );
    const running = active.flat()[0];
    if (running && prefix === 'job') return (await jobOf(running.id)) ?? running;
    const id = newJobId(prefix, o.clock());
    await o.registerJob(
      id,
      clients.map((c) => c.ordinal),
    );
    const parts = await every((c) => send(c, id));
    return combineJob(parts) as Job;
  };

  const migrations: MigrationControl = {
    start: (params) =>
      startEverywhere('job', (c, id) => field<Job>(c, Q.start, 'startMigration', { params, id })),
    forget: (filter) =>
      startEverywhere('forget', (c, id) => field<Job>(c, Q.forget, 'forget', { filter, id })),
    async ageIfHotTooLarge() {
      const started = await every((c) => field<Job | null>(c, Q.ageIfHotTooLarge, 'ageIfHotTooLarge'));
      return started.find((j) => j !== null) ?? null;
    },
    async cancel(id) {
      const parts = await every((c) => field<Job | null>(c, Q.cancel, 'cancelMigration', { id }));
      return combineJob(parts.filter((j): j is Job => j !== null));
    },
    job: jobOf,
    async jobs(filter) {
      // Each store's part has its own status: combine first, then filter by the job's status.
      const parts = (
        await reachable('jobs', (c) =>
          field<Job[]>(c, Q.jobs, 'jobs', { filter: { limit: filter.limit * 2 + 20 } }),
        )
      ).flat();
      const byId = new Map<string, Job[]>();
      for (const p of parts) {
        const group = byId.get(p.id);
        if (group) group.push(p);
        else byId.set(p.id, [p]);
      }
      return [...byId.values()]
        .map((ps) => combineJob(ps) as Job)
        .filter((j) => !filter.statuses || filter.statuses.includes(j.status))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, filter.limit);
    },
    async events(jobId, after) {
      const all = (
        await reachable('events', (c) => field<ProgressEvent[]>(c, Q.events, 'events', { jobId, after }))
      ).flat();
      const bySeq = new Map(all.map((e) => [e.seq, e]));
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    },
  };

  const sumUpserts = async <T extends { systemId: string }>(
    items: readonly T[],
    query: string,
    name: string,
    arg: string,
  ) => {
    const results = await Promise.all(
      bySystem(items).map(([k, group]) =>
        field<{ created: number; updated: number }>(client(k), query, name, { [arg]: group }),
      ),
    );
    return results.reduce((a, r) => ({ created: a.created + r.created, updated: a.updated + r.updated }), {
      created: 0,
      updated: 0,
    });
  };

  return {
    shardCount: o.shards,
    shardOf: (systemId) => shardOf(systemId, o.shards),
    shardName: (tier, shard) => `${tier}-${shard}`,
    storeOf: holder,

    search(tier, shard, queries) {
      const loader = searchers[holder(shard)];
      if (!loader) return Promise.reject(new Error(`no store for shard ${shard}`));
      return loader.load({ tier, shard, queries });
    },

    coldParts: clients.map((c) => `cold@store-${c.ordinal}`),
    // Every store searches the cold objects of its systems; together they are the cold tier.
    searchCold: (query, part = 0) => field<ShardAnswer>(client(part), Q.searchCold, 'searchCold', { query }),

    async insert(shard, records) {
      try {
        return await field<InsertOutcome>(client(holder(shard)), Q.insert, 'insert', { shard, records });
      } catch (err) {
        if (err instanceof StoreUnavailableError)
          throw new StoreUnavailableError(`hot-${shard}: ${err.message}`, [`hot-${shard}`]);
        throw err;
      }
    },

    async load(keys, opts = {}) {
      const found = new Map<MemoryKey, StoredMemory | null>();
      await Promise.all(
        bySystem(keys).map(async ([k, group]) => {
          const rows = await field<(StoredMemory | null)[]>(client(k), Q.load, 'load', {
            keys: group,
            e: opts.withEmbedding ?? false,
          });
          group.forEach((key, i) => {
            found.set(key, rows[i] ?? null);
          });
        }),
      );
      return keys.map((k) => found.get(k) ?? null);
    },

    async systems() {
      return (await every((c) => field<SystemSummary[]>(c, Q.systems, 'systems'))).flat();
    },

    async stats() {
      const all = await reachable('stats', (c) => field<TierStats[]>(c, Q.stats, 'stats'));
      return (['HOT', 'WARM', 'COLD'] as const).map((tier) => {
        const parts = all.flatMap((s) => s.filter((t) => t.tier === tier));
        return {
          tier,
          rows: parts.reduce((n, t) => n + t.rows, 0),
          bytes: parts.reduce((n, t) => n + t.bytes, 0),
          shards: parts.flatMap((t) => t.shards),
        };
      });
    },

    async indexStats() {
      const all = (
        await reachable('index stats', (c) => field<IndexStats | null>(c, Q.indexStats, 'indexStats'))
      ).filter((s): s is IndexStats => s !== null);
      return all.length === 0
        ? null
        : { size: all.reduce((n, s) => n + s.size, 0), lagRows: all.reduce((n, s) => n + s.lagRows, 0) };
    },

    async health() {
      // A store that does not answer: every shard it holds is down, and named.
      const per = await Promise.all(
        clients.map(async (c): Promise<PartHealth[]> => {
          try {
            const parts = await field<PartHealth[]>(c, Q.health, 'health');
            return parts.map((p) => ({
              ...p,
              part:
                p.kind === 'store' && shardPartTier(p.part) !== null
                  ? p.part
                  : `${p.part}@store-${c.ordinal}`,
              store: c.ordinal,
            }));
          } catch (err) {
            const error = err instanceof Error ? err.message : String(err);
            return [
              ...[...c.shardNames, `meta@store-${c.ordinal}`].map(
                (part): PartHealth => ({ part, kind: 'store', up: false, error, store: c.ordinal }),
              ),
            ];
          }
        }),
      );
      return per.flat();
    },

    migrations,

    graph: {
      upsertEntities: (entities) => sumUpserts(entities, Q.upsertEntities, 'upsertEntities', 'entities'),
      upsertRelations: (relations) =>
        sumUpserts(relations, Q.upsertRelations, 'upsertRelations', 'relations'),
      entities: (f) => field<Entity[]>(ofSystem(f.systemId), Q.entities, 'entities', { filter: f }),
      async relations(f) {
        if (f.systemId)
          return field<Relation[]>(ofSystem(f.systemId), Q.relations, 'relations', { filter: f });
        const all = await every((c) => field<Relation[]>(c, Q.relations, 'relations', { filter: f }));
        return all.flat().slice(0, f.limit);
      },
    },

    backups: {
      start() {
        throw new Error(
          'backups of a scale-out deployment are not built yet: back up each store’s volumes (see the README)',
        );
      },
      job: () => null,
      list: async () => [],
    },

    async *exportRows(systemId, where) {
      // The store holding the system reads the export; each request brings back its next page.
      const store = ofSystem(systemId);
      let session: string | null = null;
      do {
        const page: ExportPage = await field<ExportPage>(store, Q.exportPage, 'exportPage', {
          systemId,
          where,
          session,
        });
        if (page.rows.length > 0) yield page.rows;
        session = page.session;
      } while (session);
    },

    async verify({ collectOrphans }) {
      const reports = await every((c) =>
        field<StorageReport>(c, Q.verify, 'verify', { c: collectOrphans }).then((r) => ({ c, r })),
      );
      return {
        ok: reports.every(({ r }) => r.ok),
        objectsChecked: reports.reduce((n, { r }) => n + r.objectsChecked, 0),
        problems: reports.flatMap(({ c, r }) =>
          r.problems.map((p) => ({ ...p, part: `${p.part}@store-${c.ordinal}` })),
        ),
        orphansRemoved: reports.flatMap(({ r }) => r.orphansRemoved),
      };
    },

    audit: {
      async record(entry) {
        await metaStore.call(Q.recordAudit, { entry });
      },
      // Store 0 keeps the api pods' entries; each store adds those of its own jobs (FORGET).
      async list(filter) {
        const all = (await every((c) => field<AuditEntry[]>(c, Q.audit, 'audit', { filter }))).flat();
        return all.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, filter.limit);
      },
    },

    uploads: {
      discover: (keys, now) => field<number>(metaStore, Q.discoverUploads, 'discoverUploads', { keys, now }),
      async finish(key, result, now) {
        await metaStore.call(Q.finishUpload, { key, result, now });
      },
      list: (filter) => field<UploadRecord[]>(metaStore, Q.uploads, 'uploads', { filter }),
      pendingCount: () => field<number>(metaStore, Q.uploadsPending, 'uploadsPending'),
    },

    async close() {},
  };
}
