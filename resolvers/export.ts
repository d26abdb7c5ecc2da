import type { ExportFilter, ShardPort } from '../storage/port.ts';
import { AkoshaError, badInput } from './errors.ts';
import type { Scope } from './scope.ts';
import { checkSystemId } from './validation.ts';

/**
 * A system's memories from every tier as JSON Lines, in the shape uploadSystemSnapshot accepts
 * (id, kind, content, embedding, timestamp, metadata), a page at a time: exporting and uploading
 * the file into another server gives it the same memories.
 */
export async function* exportJsonLines(
  deps: { stores: Pick<ShardPort, 'exportRows'> },
  systemId: string,
  scope: Scope,
  query: URLSearchParams,
): AsyncGenerator<string> {
  checkSystemId(systemId);
  if (!scope.allows(systemId))
    throw new AkoshaError('FORBIDDEN', `this token may not read ${JSON.stringify(systemId)}`);
  const where = exportFilter(query);
  for await (const page of deps.stores.exportRows(systemId, where)) {
    yield page
      .map((m) =>
        JSON.stringify({
          id: m.id,
          kind: m.kind,
          content: m.content,
          embedding: m.embedding,
          timestamp: m.timestamp.toISOString(),
          metadata: m.metadata,
        }),
      )
      .map((line) => `${line}\n`)
      .join('');
  }
}

const PARAMS = new Set(['id', 'from', 'to', 'project', 'tag']);

/**
 * The optional conditions of an export, from its query string: `from` and `to` (ISO instants,
 * inclusive), and any number of `id`, `project` and `tag` (a memory matches one of each kind given).
 */
export function exportFilter(query: URLSearchParams): ExportFilter {
  const unknown = [...query.keys()].filter((k) => !PARAMS.has(k));
  if (unknown.length > 0)
    throw badInput(`unknown export parameter ${unknown[0]}: use ${[...PARAMS].join(', ')}`);
  const instant = (name: 'from' | 'to') => {
    const values = query.getAll(name);
    if (values.length > 1) throw badInput(`${name} may be given once`);
    const [v] = values;
    if (v === undefined) return null;
    const t = Date.parse(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(t))
      throw badInput(`${name} is not an ISO instant: ${v}`);
    return new Date(t).toISOString();
  };
  const list = (name: string) => {
    const values = query.getAll(name);
    if (values.some((v) => v === '' || v.length > 1000))
      throw badInput(`${name} must be 1 to 1000 characters`);
    return values.length > 0 ? [...new Set(values)] : null;
  };
  const from = instant('from');
  const to = instant('to');
  if (from && to && from > to) throw badInput('from is after to');
  return { ids: list('id'), from, to, projects: list('project'), tags: list('tag') };
}
