import type { ShardPort } from '../storage/port.ts';
import type { Entity, Relation } from '../storage/types.ts';
import { badInput } from './errors.ts';
import { counted, type IngestDeps } from './ingest.ts';
import { checkWritable, type Scope, UNRESTRICTED } from './scope.ts';
import {
  asJsonObject,
  CONTROL_CHARACTERS,
  checkSystemId,
  clampLimit,
  hasControlCharacters,
  metadataProblem,
} from './validation.ts';

// Knowledge graphs of systems: entities and relations, stored and listed per system.

export type GraphDeps = { stores: Pick<ShardPort, 'graph'> };
export type GraphWriteDeps = GraphDeps & Pick<IngestDeps, 'metrics' | 'admission'>;

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

const MAX_ID_LENGTH = 256;

/** Why this id or name is not acceptable, or null. */
function textProblem(field: string, value: string, isId: boolean): string | null {
  if (value.trim() === '') return `${field} must not be empty`;
  if (isId && value.length > MAX_ID_LENGTH) return `${field} is longer than ${MAX_ID_LENGTH} characters`;
  if (hasControlCharacters(value)) return `${field} must not contain ${CONTROL_CHARACTERS}`;
  return null;
}

/** Refuses the whole batch (nothing written) when any row is bad, naming the row and the reason. */
function checkRows<T>(rows: readonly T[], problemOf: (row: T) => string | null): void {
  rows.forEach((row, index) => {
    const problem = problemOf(row);
    if (problem) throw badInput(`input[${index}]: ${problem}`, { index });
  });
}

const entityProblem = (e: EntityInput) =>
  textProblem('id', e.id, true) ??
  textProblem('name', e.name, false) ??
  textProblem('entityType', e.entityType, false) ??
  (e.properties == null ? null : metadataProblem(e.properties)?.replace('metadata', 'properties')) ??
  (e.metadata == null ? null : metadataProblem(e.metadata)) ??
  null;

const relationProblem = (r: RelationInput) =>
  textProblem('id', r.id, true) ??
  textProblem('fromEntity', r.fromEntity, true) ??
  textProblem('toEntity', r.toEntity, true) ??
  textProblem('relationType', r.relationType, false) ??
  (r.properties == null ? null : metadataProblem(r.properties)?.replace('metadata', 'properties')) ??
  (r.metadata == null ? null : metadataProblem(r.metadata)) ??
  null;

export function storeEntities(
  deps: GraphWriteDeps,
  systemId: string,
  input: readonly EntityInput[],
  scope: Scope = UNRESTRICTED,
) {
  checkSystemId(systemId);
  checkWritable(scope, [systemId]);
  checkRows(input, entityProblem);
  const now = new Date();
  return counted(deps, 'graph', () =>
    deps.admission.run(() =>
      deps.stores.graph.upsertEntities(
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
      ),
    ),
  );
}

export function storeRelations(
  deps: GraphWriteDeps,
  systemId: string,
  input: readonly RelationInput[],
  scope: Scope = UNRESTRICTED,
) {
  checkSystemId(systemId);
  checkWritable(scope, [systemId]);
  checkRows(input, relationProblem);
  return counted(deps, 'graph', () =>
    deps.admission.run(() =>
      deps.stores.graph.upsertRelations(
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
      ),
    ),
  );
}

export function listEntities(
  deps: GraphDeps,
  f: { systemId: string; name?: string | null; entityType?: string | null; limit?: number | null },
  scope: Scope,
): Promise<Entity[]> {
  checkSystemId(f.systemId);
  if (!scope.allows(f.systemId)) return Promise.resolve([]);
  return deps.stores.graph.entities({ ...f, limit: clampLimit(f.limit, 100, 1000) });
}

export async function listRelations(
  deps: GraphDeps,
  f: { entityId: string; systemId?: string | null; limit?: number | null },
  scope: Scope,
): Promise<Relation[]> {
  const relations = await deps.stores.graph.relations({
    entityId: f.entityId,
    systemId: f.systemId,
    limit: clampLimit(f.limit, 100, 1000),
  });
  return relations.filter((r) => scope.allows(r.systemId));
}
