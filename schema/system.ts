import { listSystems } from '../resolvers/memories.ts';
import { type Health, health, type ShardHealth, shardHealth } from '../resolvers/operations.ts';
import type { SystemSummary } from '../storage/types.ts';
import { publicField, requires } from './auth.ts';
import { builder } from './builder.ts';

export const System = builder.objectRef<SystemSummary>('System').implement({
  description: 'A Session-Buddy installation that has sent memories.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Its systemId.' }),
    memoryCount: t.exposeInt('memoryCount', { description: 'Memories stored for it.' }),
    lastUploadAt: t.expose('lastUploadAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When Akosha last stored one of its memories.',
    }),
    embeddingModels: t.exposeStringList('embeddingModels', {
      description: 'The models that made its hot and warm memories’ embeddings, as the sources named them.',
    }),
  }),
});

builder.queryField('systems', (t) =>
  t.field({
    ...requires('system:status'),
    listSize: { assumedSize: 100 },
    type: [System],
    description: 'Every system with stored memories, by id.',
    resolve: (_root, _args, ctx) => listSystems(ctx.app, ctx.scope),
  }),
);

const HealthRef = builder.objectRef<Health>('Health').implement({
  description: 'Liveness of this process.',
  fields: (t) => ({
    status: t.exposeString('status', { description: '"ok" while the process serves.' }),
    version: t.exposeString('version', { description: 'Akosha version.' }),
    uptimeSeconds: t.exposeFloat('uptimeSeconds', { description: 'Seconds since start.' }),
    shards: t.exposeInt('shards', { description: 'Hot shards open.' }),
    redis: t.exposeString('redis', {
      description:
        'off (not configured), up, or down (the process goes on without it: no shared cache, local budgets and events).',
    }),
  }),
});

builder.queryField('health', (t) =>
  t.field({
    ...publicField(),
    type: HealthRef,
    description: 'Public: whether this process is up.',
    resolve: (_root, _args, ctx) => health(ctx.app),
  }),
);

const ShardHealthRef = builder.objectRef<ShardHealth>('ShardHealth').implement({
  description: 'Whether a shard (or a metadata database) answers a probe now.',
  fields: (t) => ({
    shard: t.exposeString('shard', {
      description: 'hot-3, warm-3, meta (meta@store-1 in a scale-out deployment).',
    }),
    tier: t.exposeString('tier', { description: 'HOT, WARM or META.' }),
    store: t.exposeInt('store', {
      nullable: true,
      description: 'The store process (ordinal) holding it; null when this process holds every shard.',
    }),
    up: t.exposeBoolean('up', { description: 'It answered (akosha_shard_up is 1).' }),
    error: t.exposeString('error', { nullable: true, description: 'Why it did not.' }),
  }),
});

builder.queryField('shardHealth', (t) =>
  t.field({
    ...requires('system:status'),
    listSize: { assumedSize: 33 },
    type: [ShardHealthRef],
    description:
      'Every shard and metadata database, probed now (also sets akosha_shard_up): the shard-health panel.',
    resolve: (_root, _args, ctx) => shardHealth(ctx.app, ctx.scope),
  }),
);
