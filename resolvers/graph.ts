import type { ShardPort } from '../storage/port.ts';
import type { Entity, Relation } from '../storage/types.ts';
import { asJsonObject, checkSystemId, clampLimit } from './validation.ts';

// Knowledge graphs of systems: entities and relations, stored and listed per system.

export type GraphDeps = { stores: Pick<ShardPort, 'graph'> };

export type EntityInput = {
  id: string;
  name: string;
  entityType: string;
  observations?: readonly string[] | null;
  properties?: unknown;
  metadata?: unknown;
  createdAt?: Date | null;
};

export type RelationInput = {
  id: string;
  fromEntity: string;
  toEntity: string;
  relationType: string;
  properties?: unknown;
  metadata?: unknown;
  createdAt?: Date | null;
};

export function storeEntities(deps: GraphDeps, systemId: string, input: readonly EntityInput[]) {
  checkSystemId(systemId);
  const now = new Date();
  return deps.stores.graph.upsertEntities(
    input.map((e) => ({
      systemId,
      id: e.id,
      name: e.name,
      entityType: e.entityType,
      observations: [...(e.observations ?? [])],
      properties: asJsonObject(e.properties),
      metadata: asJsonObject(e.metadata),
      createdAt: e.createdAt ?? null,
      updatedAt: now,
    })),
  );
}

export function storeRelations(deps: GraphDeps, systemId: string, input: readonly RelationInput[]) {
  checkSystemId(systemId);
  return deps.stores.graph.upsertRelations(
    input.map((r) => ({
      systemId,
      id: r.id,
      fromEntity: r.fromEntity,
      toEntity: r.toEntity,
      relationType: r.relationType,
      properties: asJsonObject(r.properties),
      metadata: asJsonObject(r.metadata),
      createdAt: r.createdAt ?? null,
    })),
  );
}

export function listEntities(
  deps: GraphDeps,
  f: { systemId: string; name?: string | null; entityType?: string | null; limit?: number | null },
): Promise<Entity[]> {
  checkSystemId(f.systemId);
  return deps.stores.graph.entities({ ...f, limit: clampLimit(f.limit, 100, 1000) });
}

export function listRelations(
  deps: GraphDeps,
  f: { entityId: string; systemId?: string | null; limit?: number | null },
): Promise<Relation[]> {
  return deps.stores.graph.relations({
    entityId: f.entityId,
    systemId: f.systemId,
    limit: clampLimit(f.limit, 100, 1000),
  });
}
