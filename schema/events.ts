import type { IngestEvent } from '../resolvers/event-bus.ts';
import { followIngestions } from '../resolvers/ingest.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';

const IngestEventRef = builder.objectRef<IngestEvent>('IngestEvent').implement({
  description: 'Memories one ingestion stored for one system.',
  fields: (t) => ({
    systemId: t.exposeString('systemId', { description: 'The system.' }),
    accepted: t.exposeInt('accepted', { description: 'Memories newly stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Memories that were already stored.' }),
    at: t.expose('at', { type: 'DateTime', description: 'When the write finished.' }),
  }),
});

builder.subscriptionType({ description: 'Live streams over graphql-ws (ws://host/graphql) or SSE.' });

builder.subscriptionField('ingestEvents', (t) =>
  t.field({
    ...requires('system:status'),
    type: IngestEventRef,
    description: 'Each ingestion as it lands, optionally for some systems only.',
    args: { systemIds: t.arg.stringList({ description: 'Only these systems.' }) },
    subscribe: (_root, args, ctx) => followIngestions(ctx.app, args.systemIds, ctx.scope),
    resolve: (e) => e,
  }),
);
