import { SESSION_BUDDY_MODEL } from '../resolvers/snapshots.ts';
import { naiveToDate } from '../resolvers/time-zones.ts';
import { asJsonObject, normalizeSystemId } from '../resolvers/validation.ts';
import { graphql } from '../schema/operations/gql.ts';
import type { PushIngestMutation } from '../schema/operations/graphql.ts';

// Session-Buddy's HTTP push (shared/session-buddy/FORMAT.md, section C): each JSON-RPC
// tools/call becomes one GraphQL operation, run with the push principal through the same
// resolvers and permissions as any client. Answers have the shape the client reads: `result`
// is the tool's dict itself (status, stored, id), never MCP content blocks.

export type RunGraphQL = (
  query: string | { toString(): string },
  variables: Record<string, unknown>,
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string }[];
}>;

type ToolResult = Record<string, unknown>;
type Args = Record<string, unknown>;

const obj = asJsonObject;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const INGEST = graphql(`mutation PushIngest($input: [MemoryInput!]!) {
  ingestMemories(input: $input) { accepted duplicates rejected { index clientId reason } }
}`);
const STORE_ENTITIES = graphql(`mutation PushEntities($s: String!, $input: [EntityInput!]!) {
  storeEntities(systemId: $s, input: $input) { created }
}`);
const STORE_RELATIONS = graphql(`mutation PushRelations($s: String!, $input: [RelationInput!]!) {
  storeRelations(systemId: $s, input: $input) { created }
}`);

export function createPushTools(run: RunGraphQL, zoneOf: (systemId: string) => string) {
  /** The client's naive created_at in the system's zone; now when it sent none; null when unreadable. */
  const timeOf = (text: unknown, systemId: string): Date | null => {
    if (text === undefined || text === null) return new Date();
    return typeof text === 'string' ? naiveToDate(text, zoneOf(systemId)) : null;
  };

  /** Memories with a NULL embedding cannot be stored; they are reported, the rest go through ingestMemories. */
  async function ingest(
    items: { id: string; kind: string; content: string; embedding: unknown; meta: Record<string, unknown> }[],
  ) {
    const errors: string[] = [];
    const input = items.flatMap((m) => {
      const systemId = normalizeSystemId(m.meta.source);
      if (!Array.isArray(m.embedding)) {
        errors.push(`${m.id}: embedding is null`);
        return [];
      }
      const timestamp = timeOf(m.meta.created_at, systemId);
      if (!timestamp) {
        errors.push(`${m.id}: created_at is not a date-time`);
        return [];
      }
      return [
        {
          id: m.id,
          systemId,
          kind: m.kind,
          content: m.content,
          embedding: m.embedding,
          timestamp: timestamp.toISOString(),
          metadata: m.meta,
          embeddingModel: SESSION_BUDDY_MODEL,
        },
      ];
    });
    if (input.length === 0) return { stored: 0, errors };
    const r = await run(INGEST, { input });
    if (r.errors?.length || !r.data)
      return { stored: 0, errors: [...errors, ...(r.errors ?? []).map((e) => e.message)] };
    const out = (r.data as PushIngestMutation).ingestMemories;
    return {
      stored: out.accepted + out.duplicates,
      errors: [...errors, ...out.rejected.map((x) => `${x.clientId}: ${x.reason}`)],
    };
  }

  /**
   * create_entity and create_relation: the client puts its system, the row's id and its naive
   * creation time into `properties`; the row goes through storeEntities / storeRelations.
   */
  async function storeGraphRow(
    mutation: typeof STORE_ENTITIES | typeof STORE_RELATIONS,
    args: Args,
    idOf: (properties: Record<string, unknown>) => string,
    fields: (id: string) => Record<string, unknown>,
  ): Promise<ToolResult> {
    const properties = obj(args.properties);
    const systemId = normalizeSystemId(properties.source_system);
    const id = idOf(properties);
    const created = properties.created_at == null ? null : timeOf(properties.created_at, systemId);
    if (created === null && properties.created_at != null)
      return { status: 'failed', error: 'created_at is not a date-time' };
    const r = await run(mutation, {
      s: systemId,
      input: [
        {
          id,
          ...fields(id),
          properties,
          metadata: obj(args.metadata),
          createdAt: created?.toISOString() ?? null,
        },
      ],
    });
    return r.errors?.length
      ? { status: 'failed', error: r.errors.map((e) => e.message).join('; ') }
      : { status: 'created', id };
  }

  const tools: Record<string, (args: Args) => Promise<ToolResult>> = {
    async batch_store_memories(args) {
      const memories = Array.isArray(args.memories) ? args.memories.map(obj) : [];
      const { stored, errors } = await ingest(
        memories.map((m) => ({
          id: str(m.memory_id) ?? '',
          kind: 'CONVERSATION',
          content: str(m.text) ?? '',
          embedding: m.embedding,
          meta: obj(m.metadata),
        })),
      );
      const status = errors.length === 0 ? 'completed' : stored > 0 ? 'partial' : 'failed';
      return { status, stored, errors, total: memories.length };
    },
    async store_reflection(args) {
      const id = str(args.reflection_id) ?? '';
      const { stored, errors } = await ingest([
        {
          id,
          kind: 'REFLECTION',
          content: str(args.content) ?? '',
          embedding: args.embedding,
          meta: obj(args.metadata),
        },
      ]);
      return stored === 1 ? { status: 'stored', id } : { status: 'failed', id, error: errors.join('; ') };
    },
    create_entity: (args) =>
      storeGraphRow(
        STORE_ENTITIES,
        args,
        (properties) => str(properties.original_id) ?? str(args.name) ?? '',
        () => ({
          name: str(args.name) ?? '',
          entityType: str(args.entity_type) ?? 'unknown',
          observations: Array.isArray(args.observations)
            ? args.observations.filter((o) => typeof o === 'string')
            : [],
        }),
      ),
    create_relation: (args) =>
      storeGraphRow(
        STORE_RELATIONS,
        args,
        (properties) =>
          str(properties.original_id) ??
          `${str(args.from_entity)}:${str(args.relation_type)}:${str(args.to_entity)}`,
        () => ({
          fromEntity: str(args.from_entity) ?? '',
          toEntity: str(args.to_entity) ?? '',
          relationType: str(args.relation_type) ?? 'related_to',
        }),
      ),
  };
  return tools;
}
