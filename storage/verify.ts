import { countColdKeys } from './cold/cold-keys.ts';
import type { ColdStore } from './cold/cold-store.ts';
import { parseObjectKey } from './cold/object-summary.ts';
import { sqlString } from './common/engine.ts';
import type { Indexer } from './hot/hot-indexer.ts';
import type { MigrationLedger } from './migration/ledger.ts';
import type { StorageReport } from './port.ts';
import type { ShardSet } from './shards/shard-set.ts';

// Integrity of the stores: every cold object against its catalog entry (present, row count,
// checksum), objects no catalog entry names (orphans: left by failed steps; removed on request
// unless their job is still running), the hot index against its shard, and the cold key
// directories against the catalog.

export async function verifyStores(o: {
  hot: ShardSet;
  warm: ShardSet;
  cold: ColdStore;
  indexer: Indexer | null;
  ledger: MigrationLedger;
  collectOrphans: boolean;
}): Promise<StorageReport> {
  const problems: { part: string; problem: string }[] = [];
  const objects = await o.cold.candidates({ systemIds: null, from: null, to: null });
  let catalogRows = 0;
  for (const obj of objects) {
    catalogRows += obj.rows;
    try {
      const file = await o.cold.objects.localPath(obj.key, { fresh: true });
      const s = await o.cold.summary(`read_parquet(${sqlString(file)})`);
      if (s.n !== obj.rows)
        problems.push({ part: obj.key, problem: `${s.n} rows, the catalog says ${obj.rows}` });
      else if ((s.sum ?? '0') !== obj.checksum)
        problems.push({
          part: obj.key,
          problem: 'checksum differs from the catalog: the object was changed',
        });
    } catch (err) {
      problems.push({
        part: obj.key,
        problem: `unreadable: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      });
    }
  }
  const cataloged = new Set(objects.map((x) => x.key));
  const orphans: string[] = [];
  for (const key of await o.cold.objectKeys()) {
    if (cataloged.has(key)) continue;
    const job = parseObjectKey(key)?.jobId;
    const status = job ? (await o.ledger.job(job))?.status : undefined;
    if (status === 'RUNNING' || status === 'PENDING') continue; // its step may register it yet
    orphans.push(key);
  }
  const removed: string[] = [];
  for (const key of orphans) {
    if (o.collectOrphans) {
      await o.cold.objects.delete(key);
      removed.push(key);
    } else problems.push({ part: key, problem: 'orphan: no catalog entry names this object' });
  }
  if (o.indexer) {
    for (const idx of o.indexer.indexes) {
      const rows = await idx.shard.count();
      if (idx.size > rows)
        problems.push({ part: idx.shard.name, problem: `index holds ${idx.size} rows, the shard ${rows}` });
    }
  }
  let keys = 0;
  for (const s of o.warm.shards) keys += await countColdKeys(s);
  if (keys !== catalogRows)
    problems.push({
      part: 'cold keys',
      problem: `the key directories hold ${keys} keys, the catalog ${catalogRows} rows`,
    });
  return { ok: problems.length === 0, objectsChecked: objects.length, problems, orphansRemoved: removed };
}
