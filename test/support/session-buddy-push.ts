import { createHash } from 'node:crypto';
import { queryFile } from './fixtures.ts';

// A replica of Session-Buddy's HTTP push (FORMAT.md section C): payloads built from the
// client's database exactly as its serializers do, sent one at a time, and the responses read
// the way the client reads them (C.2). Used to check what a real client would see.

type Post = (path: string, body: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;

const dropNulls = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v != null));
const rpcId = () => createHash('md5').update(String(Math.random())).digest('hex');

/** C.2: `result` is the tool dict; an `error` becomes { status: failed }; otherwise the body itself. */
function resultOf(body: Record<string, unknown>): Record<string, unknown> {
  if ('result' in body) return body.result as Record<string, unknown>;
  if ('error' in body) return { status: 'failed', error: body.error };
  return body;
}

export async function pushLikeSessionBuddy(
  file: string,
  kgFile: string | null,
  systemId: string,
  post: Post,
) {
  const call = async (name: string, args: unknown) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = await post('/mcp/v1', {
        jsonrpc: '2.0',
        id: rpcId(),
        method: 'tools/call',
        params: { name, arguments: args },
      });
      if (r.status >= 200 && r.status < 300) return resultOf(r.body);
    }
    throw new Error(`HTTP error calling ${name}`);
  };
  const report = { conversations: 0, reflections: 0, entities: 0, relations: 0, errors: [] as unknown[] };
  const conversations = await queryFile(
    file,
    `SELECT id, content, reasoning, embedding::FLOAT[]::DOUBLE[] AS embedding, category, subcategory, importance_score::DOUBLE AS importance_score,
            memory_tier, source_type, project, namespace, session_id, user_id, strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%f') AS created_at
     FROM conversations_v2 ORDER BY "timestamp" DESC LIMIT 1000`,
  );
  for (let i = 0; i < conversations.length; i += 100) {
    const memories = conversations.slice(i, i + 100).map((c) => ({
      memory_id: c.id,
      text: c.reasoning ? `${c.content}\n\nReasoning: ${c.reasoning}` : c.content,
      embedding: c.embedding ?? null,
      metadata: dropNulls({
        source: systemId,
        original_id: c.id,
        type: 'conversation',
        category: c.category,
        subcategory: c.subcategory,
        importance_score: c.importance_score,
        memory_tier: c.memory_tier,
        source_type: c.source_type,
        project: c.project,
        namespace: c.namespace,
        session_id: c.session_id,
        user_id: c.user_id,
        created_at: c.created_at,
        ingestion_method: 'http_push',
      }),
    }));
    const result = await call('batch_store_memories', { memories });
    if (result.status === 'completed' || result.status === 'partial')
      report.conversations += Number(result.stored ?? 0);
    report.errors.push(...((result.errors as unknown[]) ?? []));
  }
  const reflections = await queryFile(
    file,
    `SELECT id, content, embedding::FLOAT[]::DOUBLE[] AS embedding, category, importance_score::DOUBLE AS importance_score, memory_tier,
            tags, related_entities, project, namespace, strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%f') AS created_at
     FROM reflections_v2 ORDER BY "timestamp" DESC LIMIT 500`,
  );
  for (const r of reflections) {
    const result = await call('store_reflection', {
      reflection_id: r.id,
      content: r.content,
      embedding: r.embedding ?? null,
      metadata: {
        source: systemId,
        original_id: r.id,
        type: 'reflection',
        category: r.category,
        importance_score: r.importance_score,
        memory_tier: r.memory_tier,
        tags: r.tags ?? [],
        related_entities: r.related_entities ?? [],
        project: r.project ?? null,
        namespace: r.namespace,
        created_at: r.created_at ?? null,
        ingestion_method: 'http_push',
      },
    });
    if (result.status === 'stored') report.reflections++;
    else report.errors.push(result.error);
  }
  if (kgFile) {
    const entities = await queryFile(
      kgFile,
      `SELECT id, name, entity_type, observations, properties::VARCHAR AS properties, metadata::VARCHAR AS metadata,
              strftime(created_at, '%Y-%m-%dT%H:%M:%S.%f') AS created_at FROM kg_entities ORDER BY updated_at DESC LIMIT 500`,
    );
    for (const e of entities) {
      const result = await call('create_entity', {
        name: e.name,
        entity_type: e.entity_type,
        observations: e.observations ?? [],
        properties: {
          ...JSON.parse(String(e.properties ?? '{}')),
          source_system: systemId,
          original_id: e.id,
          created_at: e.created_at,
          ingestion_method: 'http_push',
        },
        metadata: JSON.parse(String(e.metadata ?? '{}')) ?? {},
      });
      if (result.id) report.entities++;
    }
    const relations = await queryFile(
      kgFile,
      `SELECT id, from_entity, to_entity, relation_type, properties::VARCHAR AS properties, metadata::VARCHAR AS metadata,
              strftime(created_at, '%Y-%m-%dT%H:%M:%S.%f') AS created_at FROM kg_relationships ORDER BY updated_at DESC LIMIT 500`,
    );
    for (const r of relations) {
      const result = await call('create_relation', {
        from_entity: r.from_entity,
        to_entity: r.to_entity,
        relation_type: r.relation_type,
        properties: {
          ...JSON.parse(String(r.properties ?? '{}')),
          source_system: systemId,
          original_id: r.id,
          created_at: r.created_at,
          ingestion_method: 'http_push',
        },
        metadata: JSON.parse(String(r.metadata ?? '{}')) ?? {},
      });
      if (result.id) report.relations++;
    }
  }
  return report;
}
