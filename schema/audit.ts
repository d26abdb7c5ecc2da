import { auditLog } from '../resolvers/operations.ts';
import type { AuditEntry } from '../storage/audit/audit-repo.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';

const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry').implement({
  description: 'One mutation as the audit trail recorded it.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime', description: 'When it finished.' }),
    principal: t.exposeString('principal', {
      description: 'The token subject, or anonymous with the token problem.',
    }),
    operation: t.exposeString('operation', { description: 'The operation name.' }),
    fields: t.exposeStringList('fields', { description: 'The mutation fields it called.' }),
    outcome: t.exposeString('outcome', {
      description: 'ok, error, or denied (auth, budget or cost refusal).',
    }),
    errorCodes: t.exposeStringList('errorCodes', { description: 'extensions.code of each error.' }),
    counts: t.expose('counts', {
      type: 'JSONObject',
      description: 'Numbers from the payload, e.g. {"ingestMemories.accepted": 10}.',
    }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    ...requires('admin:settings'),
    type: [AuditEntryRef],
    description: 'The audit trail of mutations, newest first.',
    listSize: { slicingArguments: ['limit'] },
    args: {
      principal: t.arg.string({ description: 'Only this token subject.' }),
      limit: t.arg.int({ description: 'At most this many (default 50, max 1000).' }),
    },
    resolve: (_root, args, ctx) => auditLog(ctx.app, args, ctx.scope),
  }),
);
