import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { Logger } from '../monitoring/logger.ts';
import { HotShard } from './hot-shard.ts';
import { shardOf } from './shard-hash.ts';

export type HotStoreOptions = {
  path: string;
  shards: number;
  dimension: number;
  checkpointThreshold: string;
  memoryLimit?: string | undefined;
  threads?: number | undefined;
  logger: Logger;
};

export class StorageLayoutError extends Error {}

const layoutSchema = z.object({
  format: z.literal(1),
  shards: z.number().int(),
  dimension: z.number().int(),
});

/**
 * The hot tier: N shard files in one folder, attached to one DuckDB instance so they share a
 * thread pool and a memory limit. The shard count and dimension are written to akosha-hot.json
 * on first start, because changing either would misplace every stored memory.
 */
export class HotStore {
  readonly shards: readonly HotShard[];
  private readonly instance: DuckDBInstance;

  private constructor(instance: DuckDBInstance, shards: HotShard[]) {
    this.instance = instance;
    this.shards = shards;
  }

  static async open(opts: HotStoreOptions): Promise<HotStore> {
    const dir = resolve(opts.path);
    await mkdir(dir, { recursive: true });
    await checkLayout(join(dir, 'akosha-hot.json'), opts);
    const settings: Record<string, string> = { checkpoint_threshold: opts.checkpointThreshold };
    if (opts.memoryLimit) settings.memory_limit = opts.memoryLimit;
    if (opts.threads) settings.threads = String(opts.threads);
    const instance = await DuckDBInstance.create(':memory:', settings);
    const shards: HotShard[] = [];
    try {
      for (let i = 0; i < opts.shards; i++) {
        shards.push(await HotShard.open(instance, i, join(dir, `shard-${i}.duckdb`), opts.dimension));
      }
    } catch (err) {
      await Promise.all(shards.map((s) => s.close()));
      instance.closeSync();
      throw err;
    }
    opts.logger.info('hot store open', { path: dir, shards: opts.shards, dimension: opts.dimension });
    return new HotStore(instance, shards);
  }

  shardFor(systemId: string): HotShard {
    const shard = this.shards[shardOf(systemId, this.shards.length)];
    if (!shard) throw new Error('shard index out of range');
    return shard;
  }

  async sizeBytes(): Promise<number> {
    const sizes = await Promise.all(this.shards.map((s) => s.sizeBytes()));
    return sizes.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.close()));
    this.instance.closeSync();
  }
}

async function checkLayout(file: string, opts: HotStoreOptions): Promise<void> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) {
    await writeFile(
      file,
      `${JSON.stringify({ format: 1, shards: opts.shards, dimension: opts.dimension })}\n`,
    );
    return;
  }
  const layout = layoutSchema.parse(JSON.parse(text));
  if (layout.shards !== opts.shards) {
    throw new StorageLayoutError(
      `AKOSHA_SHARDS is ${opts.shards}, but the hot store at ${opts.path} was created with ${layout.shards} shards`,
    );
  }
  if (layout.dimension !== opts.dimension) {
    throw new StorageLayoutError(
      `AKOSHA_EMBEDDING_DIMENSION is ${opts.dimension}, but the hot store at ${opts.path} holds ${layout.dimension}-dim vectors`,
    );
  }
}
