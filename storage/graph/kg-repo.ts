import {
  type DuckDBConnection,
  type DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
} from '@duckdb/node-api';
import { z } from 'zod';
import { inTransaction, micros } from '../common/engine.ts';
import { storedJsonObject } from '../common/json.ts';
import { SerialQueue } from '../common/serial-queue.ts';
import type { Entity, Relation } from '../types.ts';

// Knowledge graphs of Session-Buddy systems, kept per system in the metadata database. Identity
// is (system, the client's id), so re-sent entities and relations replace themselves.

const orNull = (d: Date | null) => (d ? micros(d) : null);

export class KnowledgeGraphRepo {
  private readonly conn: DuckDBConnection;
  private readonly queue = new SerialQueue();

  private constructor(conn: DuckDBConnection) {
    this.conn = conn;
  }

  static async open(instance: DuckDBInstance): Promise<KnowledgeGraphRepo> {
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.kg_entities (
      system_id VARCHAR NOT NULL, id VARCHAR NOT NULL, name VARCHAR NOT NULL, entity_type VARCHAR NOT NULL,
      observations VARCHAR[] NOT NULL, properties JSON NOT NULL, metadata JSON NOT NULL,
      created_at TIMESTAMP, updated_at TIMESTAMP, PRIMARY KEY (system_id, id))`);
    await conn.run(`CREATE TABLE IF NOT EXISTS meta.main.kg_relations (
      system_id VARCHAR NOT NULL, id VARCHAR NOT NULL, from_entity VARCHAR NOT NULL, to_entity VARCHAR NOT NULL,
      relation_type VARCHAR NOT NULL, properties JSON NOT NULL, metadata JSON NOT NULL, created_at TIMESTAMP,
      PRIMARY KEY (system_id, id))`);
    return new KnowledgeGraphRepo(conn);
  }

  /** Inserts or replaces rows of one table in one transaction; returns how many were new. */
  private upsert<R extends { systemId: string; id: string }>(
    table: 'kg_entities' | 'kg_relations',
    rows: readonly R[],
    values: (r: R) => DuckDBValue[],
    types: DuckDBType[],
  ): Promise<{ created: number; updated: number }> {
    const placeholders = types.map((_, i) => `$${i + 1}`).join(', ');
    return this.queue.run(() =>
      inTransaction(this.conn, async () => {
        let created = 0;
        for (const r of rows) {
          const before = await this.conn.runAndReadAll(
            `SELECT 1 FROM meta.main.${table} WHERE system_id = $1 AND id = $2`,
            [r.systemId, r.id],
          );
          if (before.currentRowCount === 0) created++;
          await this.conn.run(
            `INSERT OR REPLACE INTO meta.main.${table} VALUES (${placeholders})`,
            values(r),
            types,
          );
        }
        return { created, updated: rows.length - created };
      }),
    );
  }

  upsertEntities(entities: readonly Entity[]): Promise<{ created: number; updated: number }> {
    return this.upsert(
      'kg_entities',
      entities,
      (e) => [
        e.systemId,
        e.id,
        e.name,
        e.entityType,
        listValue(e.observations),
        JSON.stringify(e.properties),
        JSON.stringify(e.metadata),
        orNull(e.createdAt),
        orNull(e.updatedAt),
      ],
      [VARCHAR, VARCHAR, VARCHAR, VARCHAR, LIST(VARCHAR), VARCHAR, VARCHAR, TIMESTAMP, TIMESTAMP],
    );
  }

  upsertRelations(relations: readonly Relation[]): Promise<{ created: number; updated: number }> {
    return this.upsert(
      'kg_relations',
      relations,
      (r) => [
        r.systemId,
        r.id,
        r.fromEntity,
        r.toEntity,
        r.relationType,
        JSON.stringify(r.properties),
        JSON.stringify(r.metadata),
        orNull(r.createdAt),
      ],
      [VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, TIMESTAMP],
    );
  }

  async entities(f: {
    systemId: string;
    name?: string | null;
    entityType?: string | null;
    limit: number;
  }): Promise<Entity[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT system_id, id, name, entity_type, observations, properties::VARCHAR AS properties,
              metadata::VARCHAR AS metadata, created_at, updated_at
       FROM meta.main.kg_entities
       WHERE system_id = $1 AND ($2::VARCHAR IS NULL OR name ILIKE '%' || $2 || '%')
         AND ($3::VARCHAR IS NULL OR entity_type = $3)
       ORDER BY name, id LIMIT $4`,
      [f.systemId, f.name ?? null, f.entityType ?? null, f.limit],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z
        .object({
          system_id: z.string(),
          id: z.string(),
          name: z.string(),
          entity_type: z.string(),
          observations: z.array(z.string()),
          properties: z.string(),
          metadata: z.string(),
          created_at: z.date().nullable(),
          updated_at: z.date().nullable(),
        })
        .parse(raw);
      return {
        systemId: r.system_id,
        id: r.id,
        name: r.name,
        entityType: r.entity_type,
        observations: r.observations,
        properties: storedJsonObject(r.properties),
        metadata: storedJsonObject(r.metadata),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  }

  /** Relations that start or end at an entity (of one system, when given). */
  async relations(f: { entityId: string; systemId?: string | null; limit: number }): Promise<Relation[]> {
    await this.queue.idle();
    const result = await this.conn.runAndReadAll(
      `SELECT system_id, id, from_entity, to_entity, relation_type, properties::VARCHAR AS properties,
              metadata::VARCHAR AS metadata, created_at
       FROM meta.main.kg_relations
       WHERE (from_entity = $1 OR to_entity = $1) AND ($2::VARCHAR IS NULL OR system_id = $2)
       ORDER BY relation_type, id LIMIT $3`,
      [f.entityId, f.systemId ?? null, f.limit],
    );
    return result.getRowObjectsJS().map((raw) => {
      const r = z
        .object({
          system_id: z.string(),
          id: z.string(),
          from_entity: z.string(),
          to_entity: z.string(),
          relation_type: z.string(),
          properties: z.string(),
          metadata: z.string(),
          created_at: z.date().nullable(),
        })
        .parse(raw);
      return {
        systemId: r.system_id,
        id: r.id,
        fromEntity: r.from_entity,
        toEntity: r.to_entity,
        relationType: r.relation_type,
        properties: storedJsonObject(r.properties),
        metadata: storedJsonObject(r.metadata),
        createdAt: r.created_at,
      };
    });
  }

  async close(): Promise<void> {
    await this.queue.idle();
    this.conn.closeSync();
  }
}
