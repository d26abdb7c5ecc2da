import { ingestMemories, type Rejection } from '../resolvers/ingest.ts';
import { loadEmbeddings } from '../resolvers/memories.ts';
import { keyOf, type StoredMemory } from '../storage/types.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';
import { globalId } from './global-id.ts';
import { memoryByReference } from './loaders.ts';

export const MemoryKind = builder.enumType('MemoryKind', {
  description: 'What a memory records.',
  values: {
    CONVERSATION: { description: 'A conversation turn or summary.' },
    REFLECTION: { description: 'A reflection the assistant stored about its work.' },
  } as const,
});

/** Objects with a global id; `node(id:)` finds any of them. */
export const Node = builder.interfaceRef<StoredMemory>('Node').implement({
  description: 'An object with a globally unique id (Relay global object identification).',
  fields: (t) => ({
    id: t.id({
      description: 'Globally unique; opaque.',
      resolve: (m) => globalId('Memory', m.systemId, m.id),
    }),
  }),
});

export const Memory = builder.objectRef<StoredMemory>('Memory').implement({
  description:
    "One memory of one Session-Buddy system. `id` is global; the client's identity is (systemId, clientId).",
  interfaces: [Node],
  isTypeOf: (m) => typeof m === 'object' && m !== null && 'contentHash' in m,
  fields: (t) => ({
    clientId: t.exposeString('id', { description: "The client's id, unique within its system." }),
    systemId: t.exposeString('systemId', { description: 'The Session-Buddy installation it came from.' }),
    kind: t.field({ type: MemoryKind, description: 'Conversation or reflection.', resolve: (m) => m.kind }),
    content: t.exposeString('content', {
      cost: 2,
      description:
        'The text of the memory (up to a million characters: counts toward AKOSHA_MAX_RESPONSE_BYTES).',
    }),
    contentHash: t.exposeString('contentHash', { description: 'sha-256 of content, hex.' }),
    timestamp: t.expose('timestamp', { type: 'DateTime', description: 'When the memory was made.' }),
    uploadedAt: t.expose('uploadedAt', { type: 'DateTime', description: 'When Akosha stored it.' }),
    metadata: t.expose('metadata', {
      cost: 1,
      type: 'JSONObject',
      description: 'Everything else the client sent (project, tags, session, user, category, importance...).',
    }),
    embedding: t.loadable({
      ...requires('query:search'),
      cost: 4,
      type: 'Vector',
      nullable: true,
      description:
        'The raw embedding, as sent (warm and cold: rebuilt from int8 codes). Read only when asked for.',
      load: (keys: string[], ctx) => loadEmbeddings(ctx.app, keys, ctx.budget),
      resolve: (m) => keyOf(m),
    }),
  }),
});

const MemoryInput = builder.inputType('MemoryInput', {
  description: 'One memory to ingest.',
  fields: (t) => ({
    id: t.string({
      required: true,
      description: "The client's id; re-sending it is a duplicate, not an error.",
    }),
    systemId: t.string({ required: true, description: 'Letters, digits, _ or -, at most 100.' }),
    kind: t.field({ type: MemoryKind, required: true, description: 'Conversation or reflection.' }),
    content: t.string({ required: true, description: 'The text.' }),
    embedding: t.field({
      type: 'Vector',
      required: true,
      description: 'AKOSHA_EMBEDDING_DIMENSION (384) finite floats, not all zero.',
    }),
    timestamp: t.field({ type: 'DateTime', required: true, description: 'When the memory was made.' }),
    metadata: t.field({
      type: 'JSONObject',
      required: false,
      description: 'A JSON object kept whole; `project` and `tags` are also used by search filters.',
    }),
    embeddingModel: t.string({
      required: false,
      description:
        'The model that made the embedding (Session-Buddy: all-MiniLM-L6-v2). Text searches embedded by another model are refused for memories that name theirs.',
    }),
  }),
});

export const RejectedMemory = builder.objectRef<Rejection>('RejectedMemory').implement({
  description: 'An item of the batch that was not stored, and why.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'Position in the input list.' }),
    clientId: t.exposeString('id', { description: 'The id as sent.' }),
    systemId: t.exposeString('systemId', { description: 'The systemId as sent.' }),
    reason: t.exposeString('reason', { description: 'What is wrong with it.' }),
  }),
});

const IngestPayload = builder
  .objectRef<{ accepted: number; duplicates: number; rejected: Rejection[] }>('IngestPayload')
  .implement({
    description: 'What happened to each memory of the batch.',
    fields: (t) => ({
      accepted: t.exposeInt('accepted', { description: 'Memories newly stored.' }),
      duplicates: t.exposeInt('duplicates', {
        description: 'Memories already stored (or repeated in the batch).',
      }),
      rejected: t.expose('rejected', { type: [RejectedMemory], description: 'Items refused, with reasons.' }),
    }),
  });

builder.mutationField('ingestMemories', (t) =>
  t.field({
    ...requires('ingest:upload'),
    cost: 100,
    type: IngestPayload,
    description:
      'Stores a batch of at most AKOSHA_MAX_BATCH_SIZE (1000) memories. Bad items are rejected one by one; a larger batch is refused whole (BATCH_TOO_LARGE) and nothing is written.',
    args: { input: t.arg({ type: [MemoryInput], required: true }) },
    resolve: (_root, args, ctx) =>
      ingestMemories(ctx.app, args.input, (e) => ctx.warnings.push(e), ctx.scope),
  }),
);

builder.queryField('memory', (t) =>
  t.field({
    ...requires('query:search'),
    type: Memory,
    nullable: true,
    description: 'One memory by identity, or null when it is not stored.',
    args: {
      systemId: t.arg.string({ required: true }),
      id: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => memoryByReference({ systemId: args.systemId, clientId: args.id }, ctx),
  }),
);

builder.queryField('node', (t) =>
  t.field({
    ...requires('query:search'),
    type: Node,
    nullable: true,
    description: 'An object by its global id (a Memory), or null when it is not stored or the id is not one.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => memoryByReference({ id: String(args.id) }, ctx),
  }),
);
