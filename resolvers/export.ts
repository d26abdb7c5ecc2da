import type { ShardPort } from '../storage/port.ts';
import { AkoshaError } from './errors.ts';
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
): AsyncGenerator<string> {
  checkSystemId(systemId);
  if (!scope.allows(systemId))
    throw new AkoshaError('FORBIDDEN', `this token may not read ${JSON.stringify(systemId)}`);
  for await (const page of deps.stores.exportRows(systemId)) {
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
