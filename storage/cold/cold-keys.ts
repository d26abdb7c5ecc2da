import { LIST, VARCHAR } from '@duckdb/node-api';
import { z } from 'zod';
import { strings } from '../shards/search-sql.ts';
import type { Shard } from '../shards/shard.ts';
import type { ShardSet } from '../shards/shard-set.ts';
import { keyOf, type MemoryKey } from '../types.ts';

// The identity of memories that moved to cold, kept with the warm shard they left: a table of
// (system_id, id, object key) written in the same transaction that deletes them from warm. Ingest
// asks it, never the cold objects, so it does not depend on the cold store being reachable, and
// identity is the key alone, whatever the timestamp a client sends again.

const table = (shard: Shard) => `${shard.catalog}.main.cold_keys`;
/** The key directory's table in a warm shard (FORGET updates it when it rewrites an object). */
export const coldKeysTable = table;
const stateTable = (shard: Shard) => `${shard.catalog}.main.cold_keys_state`;

/** Creates the directory of each warm shard; says which shards still have to be filled from older cold objects. */
export async function openColdKeys(warm: ShardSet): Promise<Shard[]> {
  const unfilled: Shard[] = [];
  for (const shard of warm.shards) {
    const filled = await shard.write(async (conn) => {
      await conn.run(
        `CREATE TABLE IF NOT EXISTS ${table(shard)} (system_id VARCHAR NOT NULL, id VARCHAR NOT NULL, object_key VARCHAR NOT NULL)`,
      );
      await conn.run(`CREATE TABLE IF NOT EXISTS ${stateTable(shard)} (filled BOOLEAN NOT NULL)`);
      const r = await conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n FROM ${stateTable(shard)} WHERE filled`,
      );
      return Number(r.getRowObjectsJS()[0]?.n ?? 0) > 0;
    });
    if (!filled) unfilled.push(shard);
  }
  return unfilled;
}

/** Records that a shard's directory holds every cold key (after filling it, or when nothing was cold). */
export function markColdKeysFilled(shard: Shard): Promise<void> {
  return shard.write(async (conn) => {
    await conn.run(`DELETE FROM ${stateTable(shard)}`);
    await conn.run(`INSERT INTO ${stateTable(shard)} VALUES (true)`);
  });
}

/** Adds keys read from cold objects (filling the directory); keys already there are skipped. */
export function addColdKeys(
  shard: Shard,
  keys: readonly (MemoryKey & { objectKey: string })[],
): Promise<void> {
  if (keys.length === 0) return Promise.resolve();
  return shard.write(async (conn) => {
    await conn.run(
      `INSERT INTO ${table(shard)}
       SELECT s, i, o FROM (SELECT unnest($1) AS s, unnest($2) AS i, unnest($3) AS o) k
       WHERE NOT EXISTS (SELECT 1 FROM ${table(shard)} c WHERE c.system_id = k.s AND c.id = k.i)`,
      [
        strings(keys.map((k) => k.systemId)),
        strings(keys.map((k) => k.id)),
        strings(keys.map((k) => k.objectKey)),
      ],
      [LIST(VARCHAR), LIST(VARCHAR), LIST(VARCHAR)],
    );
  });
}

/**
 * SQL (for the warm → cold switch, inside the transaction that deletes the rows from warm):
 * records the keys of the warm rows matching `where` (unqualified columns of the warm table) as
 * living in `objectKeySql`.
 */
export function recordColdKeysSql(shard: Shard, where: string, objectKeySql: string): string {
  return `INSERT INTO ${table(shard)}
    SELECT w.system_id, w.id, ${objectKeySql} FROM ${shard.table} AS w WHERE ${where}
      AND NOT EXISTS (SELECT 1 FROM ${table(shard)} c WHERE c.system_id = w.system_id AND c.id = w.id)`;
}

/** Which of these keys are cold, with the object holding each. */
export async function findColdKeys(
  shard: Shard,
  keys: readonly MemoryKey[],
): Promise<(MemoryKey & { objectKey: string })[]> {
  if (keys.length === 0) return [];
  const wanted = new Set(keys.map(keyOf));
  const rows = await shard.read((conn) =>
    conn.runAndReadAll(
      `SELECT system_id, id, object_key FROM ${table(shard)} WHERE list_contains($1, id)`,
      [strings([...new Set(keys.map((k) => k.id))])],
      [LIST(VARCHAR)],
    ),
  );
  return rows
    .getRowObjectsJS()
    .map((raw) => {
      const r = z.object({ system_id: z.string(), id: z.string(), object_key: z.string() }).parse(raw);
      return { systemId: r.system_id, id: r.id, objectKey: r.object_key };
    })
    .filter((k) => wanted.has(keyOf(k)));
}

/** How many keys the directory holds (integrity checks). */
export async function countColdKeys(shard: Shard): Promise<number> {
  const r = await shard.read((conn) =>
    conn.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${table(shard)}`),
  );
  return Number(r.getRowObjectsJS()[0]?.n ?? 0);
}
