import { listSystems } from '../resolvers/memories.ts';
import { migrationJob } from '../resolvers/migrations.ts';
import type { SystemSummary } from '../storage/types.ts';
import { builder } from './builder.ts';
import { memoryByReference, need, perRequest } from './loaders.ts';
import { Memory } from './memory.ts';
import { MigrationJob } from './migration.ts';
import { System } from './system.ts';

// Apollo Federation v2: the entities other subgraphs may extend or return, each resolved through
// the request's loaders under the same rules as the fields that return it (a permission, and the
// token's systems: out of scope reads as absent).

/** The systems in the caller's scope, listed once per request however many references ask. */
const systemsOf = perRequest((ctx): Promise<SystemSummary[]> => listSystems(ctx.app, ctx.scope));

builder.asEntity(Memory, {
  key: [
    builder.selection<{ id: string }>('id'),
    builder.selection<{ systemId: string; clientId: string }>('systemId clientId'),
  ],
  resolveReference: (ref, ctx) => memoryByReference(ref, ctx),
});

builder.asEntity(System, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: async (ref, ctx) => {
    need(ctx, 'system:status', 'System');
    return (await systemsOf(ctx)).find((s) => s.id === ref.id) ?? null;
  },
});

builder.asEntity(MigrationJob, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx) => {
    need(ctx, 'system:status', 'MigrationJob');
    return migrationJob(ctx.app, String(ref.id), ctx.scope);
  },
});
