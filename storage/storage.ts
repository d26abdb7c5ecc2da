import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { Logger } from '../monitoring/logger.ts';
import { ColdStore } from './cold-store.ts';
import { createEngine, sqlString } from './engine.ts';
import { KnowledgeGraphRepo } from './kg-repo.ts';
import type { ObjectStore } from './object-store.ts';
import { ShardSet } from './shard-set.ts';
import { HOT, WARM } from './tier-layout.ts';
import { UploadLedger } from './upload-ledger.ts';

export type StorageOptions = {
  hotPath: string;
  warmPath: string;
  metaPath: string;
  shards: number;
  dimension: number;
  checkpointThreshold: string;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  objects: ObjectStore;
  logger: Logger;
};

/** Every store of one process: the hot and warm shards, the cold catalog, the metadata database. */
export type Storage = {
  engine: DuckDBInstance;
  hot: ShardSet;
  warm: ShardSet;
  cold: ColdStore;
  kg: KnowledgeGraphRepo;
  uploads: UploadLedger;
  dimension: number;
  close(): Promise<void>;
};

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  const engine = await createEngine({ ...opts, tempDirectory: join(resolve(opts.metaPath), 'duckdb-tmp') });
  const metaDir = resolve(opts.metaPath);
  await mkdir(metaDir, { recursive: true });
  const setup = await engine.connect();
  await setup.run(`ATTACH IF NOT EXISTS ${sqlString(join(metaDir, 'akosha.duckdb'))} AS meta`);
  setup.closeSync();
  const common = { shards: opts.shards, dimension: opts.dimension, logger: opts.logger };
  const hot = await ShardSet.open(engine, HOT, { ...common, path: opts.hotPath });
  const warm = await ShardSet.open(engine, WARM, { ...common, path: opts.warmPath });
  const cold = await ColdStore.open(engine, opts.objects, opts.dimension);
  const kg = await KnowledgeGraphRepo.open(engine);
  const uploads = await UploadLedger.open(engine);
  opts.logger.info('cold store open', { objects: opts.objects.name });
  return {
    engine,
    hot,
    warm,
    cold,
    kg,
    uploads,
    dimension: opts.dimension,
    async close() {
      await Promise.all([hot.close(), warm.close()]);
      cold.close();
      await kg.close();
      await uploads.close();
      const c = await engine.connect();
      await c.run('CHECKPOINT meta').catch(() => {});
      c.closeSync();
      engine.closeSync();
    },
  };
}
