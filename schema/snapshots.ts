import { GraphQLError } from 'graphql';
import { listEntities, listRelations, storeEntities, storeRelations } from '../resolvers/graph.ts';
import { droppedUploads } from '../resolvers/operations.ts';
import { ingestUpload, type SnapshotResult, type TableCounts } from '../resolvers/snapshots.ts';
import type { UploadRecord } from '../storage/sources/upload-ledger.ts';
import type { Entity, Relation } from '../storage/types.ts';
import { requires } from './auth.ts';
import { builder } from './builder.ts';
import { globalId } from './global-id.ts';
import { RejectedMemory } from './memory.ts';

builder.scalarType('Upload', {
  description: 'A file sent with the GraphQL multipart request spec.',
  serialize: () => {
    throw new GraphQLError('Upload is an input-only scalar');
  },
  parseValue: (value) => {
    // Duck-typed: yoga hands over its fetch implementation's File, not necessarily the global class.
    if (value && typeof value === 'object' && typeof (value as File).stream === 'function')
      return value as File;
    throw new GraphQLError('Upload must be a file sent as a multipart request');
  },
});

const SnapshotFormat = builder.enumType('SnapshotFormat', {
  description: 'What an uploaded file turned out to be.',
  values: {
    REFLECTION_DB: { description: "Session-Buddy's reflection.duckdb." },
    KNOWLEDGE_GRAPH_DB: { description: "Session-Buddy's knowledge_graph.duckdb." },
    PARQUET: { description: 'Parquet rows of memories.' },
    JSON_LINES: { description: 'JSON Lines of memories.' },
  } as const,
});

const TableCountsRef = builder.objectRef<TableCounts>('SnapshotTableCounts').implement({
  description: 'What happened to the rows of one table of the file.',
  fields: (t) => ({
    table: t.exposeString('table', {
      description: 'Table name (conversations_v2, reflections, kg_entities...).',
    }),
    rows: t.exposeInt('rows', { description: 'Rows read.' }),
    accepted: t.exposeInt('accepted', { description: 'Newly stored.' }),
    duplicates: t.exposeInt('duplicates', {
      description: 'Already stored (for the knowledge graph: replaced).',
    }),
    rejected: t.exposeInt('rejected', { description: 'Refused (e.g. NULL embedding).' }),
  }),
});

const UpsertCounts = builder.objectRef<{ created: number; updated: number }>('UpsertCounts').implement({
  description: 'Knowledge-graph rows created and replaced.',
  fields: (t) => ({
    created: t.exposeInt('created', { description: 'New.' }),
    updated: t.exposeInt('updated', { description: 'Replaced.' }),
  }),
});

const SnapshotPayload = builder.objectRef<SnapshotResult>('SnapshotPayload').implement({
  description: 'Counts per table and per outcome of one uploaded file.',
  fields: (t) => ({
    format: t.field({ type: SnapshotFormat, description: 'Detected format.', resolve: (r) => r.format }),
    compressed: t.exposeBoolean('compressed', { description: 'It was gzip-compressed.' }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the (decompressed) file.' }),
    tables: t.expose('tables', { type: [TableCountsRef], description: 'Per table.' }),
    accepted: t.exposeInt('accepted', { description: 'Memories newly stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Memories already stored.' }),
    rejected: t.exposeInt('rejected', { description: 'Memories refused.' }),
    rejections: t.expose('rejections', {
      type: [RejectedMemory],
      description: 'The first 100 refusals, with reasons.',
    }),
    entities: t.expose('entities', { type: UpsertCounts, description: 'Knowledge-graph entities.' }),
    relations: t.expose('relations', { type: UpsertCounts, description: 'Knowledge-graph relations.' }),
  }),
});

builder.mutationField('uploadSystemSnapshot', (t) =>
  t.field({
    ...requires('ingest:upload'),
    cost: 1000,
    type: SnapshotPayload,
    description:
      "Ingests a Session-Buddy reflection.duckdb or knowledge_graph.duckdb (gzip or not), or Parquet / JSON Lines of memories, for one system. Naive timestamps are read in timeZone (default: the system's AKOSHA_SYSTEM_TIME_ZONES entry, else AKOSHA_DEFAULT_TIME_ZONE). Idempotent: uploading the same file again adds nothing.",
    args: {
      systemId: t.arg.string({ required: true, description: 'The system the file belongs to.' }),
      file: t.arg({ type: 'Upload', required: true, description: 'The file (multipart request).' }),
      timeZone: t.arg.string({ description: 'IANA zone of the naive timestamps in the file.' }),
    },
    resolve: (_root, args, ctx) => ingestUpload(ctx.app, { ...args, signal: ctx.signal, scope: ctx.scope }),
  }),
);

const EntityRef = builder.objectRef<Entity>('Entity').implement({
  description: 'A knowledge-graph entity of one system.',
  fields: (t) => ({
    id: t.id({
      description: 'Globally unique; opaque.',
      resolve: (e) => globalId('Entity', e.systemId, e.id),
    }),
    systemId: t.exposeString('systemId', { description: 'Its system.' }),
    clientId: t.exposeString('id', { description: "The client's entity id, unique within its system." }),
    name: t.exposeString('name', { description: 'Name.' }),
    entityType: t.exposeString('entityType', { description: 'Type.' }),
    observations: t.exposeStringList('observations', { description: 'Observations.' }),
    properties: t.expose('properties', { type: 'JSONObject', description: 'Properties.' }),
    metadata: t.expose('metadata', { type: 'JSONObject', description: 'Metadata.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true, description: 'Created.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true, description: 'Updated.' }),
  }),
});

const RelationRef = builder.objectRef<Relation>('Relation').implement({
  description: 'A knowledge-graph relation between two entities of one system.',
  fields: (t) => ({
    id: t.id({
      description: 'Globally unique; opaque.',
      resolve: (r) => globalId('Relation', r.systemId, r.id),
    }),
    systemId: t.exposeString('systemId', { description: 'Its system.' }),
    clientId: t.exposeString('id', { description: "The client's relation id, unique within its system." }),
    fromEntity: t.exposeString('fromEntity', { description: 'Entity id it starts at.' }),
    toEntity: t.exposeString('toEntity', { description: 'Entity id it ends at.' }),
    relationType: t.exposeString('relationType', { description: 'Type.' }),
    properties: t.expose('properties', { type: 'JSONObject', description: 'Properties.' }),
    metadata: t.expose('metadata', { type: 'JSONObject', description: 'Metadata.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true, description: 'Created.' }),
  }),
});

builder.queryField('entities', (t) =>
  t.field({
    ...requires('query:search'),
    type: [EntityRef],
    listSize: { slicingArguments: ['limit'] },
    description: "A system's knowledge-graph entities, by name.",
    args: {
      systemId: t.arg.string({ required: true }),
      name: t.arg.string({ description: 'Part of the name, case-insensitive.' }),
      entityType: t.arg.string({ description: 'Only this type.' }),
      limit: t.arg.int({ description: 'Default 100, at most 1000.' }),
    },
    resolve: (_root, args, ctx) => listEntities(ctx.app, args, ctx.scope),
  }),
);

builder.queryField('relations', (t) =>
  t.field({
    ...requires('query:search'),
    type: [RelationRef],
    listSize: { slicingArguments: ['limit'] },
    description: 'Relations that start or end at an entity.',
    args: {
      entityId: t.arg.string({ required: true }),
      systemId: t.arg.string({ description: 'Only in this system.' }),
      limit: t.arg.int({ description: 'Default 100, at most 1000.' }),
    },
    resolve: (_root, args, ctx) => listRelations(ctx.app, args, ctx.scope),
  }),
);

const EntityInput = builder.inputType('EntityInput', {
  description: 'A knowledge-graph entity as a client sends it.',
  fields: (t) => ({
    id: t.string({ required: true, description: "The client's entity id." }),
    name: t.string({ required: true }),
    entityType: t.string({ required: true }),
    observations: t.stringList({ description: 'Observations.' }),
    properties: t.field({ type: 'JSONObject', description: 'Properties.' }),
    metadata: t.field({ type: 'JSONObject', description: 'Metadata.' }),
    createdAt: t.field({ type: 'DateTime' }),
  }),
});

const RelationInput = builder.inputType('RelationInput', {
  description: 'A knowledge-graph relation as a client sends it; entities are named by their ids.',
  fields: (t) => ({
    id: t.string({ required: true, description: "The client's relation id." }),
    fromEntity: t.string({ required: true }),
    toEntity: t.string({ required: true }),
    relationType: t.string({ required: true }),
    properties: t.field({ type: 'JSONObject' }),
    metadata: t.field({ type: 'JSONObject' }),
    createdAt: t.field({ type: 'DateTime' }),
  }),
});

builder.mutationField('storeEntities', (t) =>
  t.field({
    ...requires('ingest:upload'),
    cost: 100,
    type: UpsertCounts,
    description: 'Stores (or replaces) knowledge-graph entities of a system; identity is (systemId, id).',
    args: {
      systemId: t.arg.string({ required: true }),
      input: t.arg({ type: [EntityInput], required: true }),
    },
    resolve: (_root, args, ctx) => storeEntities(ctx.app, args.systemId, args.input, ctx.scope),
  }),
);

builder.mutationField('storeRelations', (t) =>
  t.field({
    ...requires('ingest:upload'),
    cost: 100,
    type: UpsertCounts,
    description: 'Stores (or replaces) knowledge-graph relations of a system; identity is (systemId, id).',
    args: {
      systemId: t.arg.string({ required: true }),
      input: t.arg({ type: [RelationInput], required: true }),
    },
    resolve: (_root, args, ctx) => storeRelations(ctx.app, args.systemId, args.input, ctx.scope),
  }),
);

const UploadStatusEnum = builder.enumType('UploadStatus', {
  description: 'Where a dropped upload stands.',
  values: {
    PENDING: { description: 'Seen, not ingested yet (or waiting for the bucket to answer again).' },
    DONE: { description: 'Ingested.' },
    QUARANTINED: {
      description: 'Refused (bad manifest, missing or corrupt file, too large, timeout); not retried.',
    },
  } as const,
});

const UploadRef = builder.objectRef<UploadRecord>('DroppedUpload').implement({
  description: 'A snapshot a Session-Buddy installation dropped in the bucket.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The manifest object key.' }),
    systemId: t.exposeString('systemId', {
      nullable: true,
      description: 'The system, once the manifest was read.',
    }),
    uploadId: t.exposeString('uploadId', { nullable: true, description: "The client's upload id." }),
    status: t.field({ type: UploadStatusEnum, description: 'Where it stands.', resolve: (u) => u.status }),
    reason: t.exposeString('reason', { nullable: true, description: 'Why it was quarantined.' }),
    accepted: t.exposeInt('accepted', { description: 'Memories and graph rows newly stored.' }),
    duplicates: t.exposeInt('duplicates', { description: 'Already stored.' }),
    rejected: t.exposeInt('rejected', { description: 'Refused rows (e.g. NULL embeddings).' }),
    firstSeenAt: t.expose('firstSeenAt', { type: 'DateTime', description: 'When the worker first saw it.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'Last change.' }),
  }),
});

builder.queryField('uploads', (t) =>
  t.field({
    ...requires('system:status'),
    type: [UploadRef],
    listSize: { slicingArguments: ['limit'] },
    description: 'Uploads the pull worker has seen, oldest first.',
    args: {
      status: t.arg({ type: UploadStatusEnum }),
      limit: t.arg.int({ description: 'Default 100, at most 1000.' }),
    },
    resolve: (_root, args, ctx) => droppedUploads(ctx.app, args, ctx.scope),
  }),
);
