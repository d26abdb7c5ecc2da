import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { Logger } from '../../monitoring/logger.ts';
import type { MemoryKey } from '../types.ts';
import { Shard } from './shard.ts';
import { shardOf } from './shard-hash.ts';
import type { TierLayout } from './tier-layout.ts';

export type ShardSetOptions = {
  path: string;
  /** Shards of the whole deployment (AKOSHA_SHARDS): the modulus of the system → shard hash. */
  shards: number;
  /** The shards this process holds (a store's share); all of them when unset. */
  owned?: readonly number[] | undefined;
  dimension: number;
  logger: Logger;
};

export class StorageLayoutError extends Error {}
/** A request for a shard another store holds (a routing mistake, or a changed AKOSHA_STORE_REPLICAS). */
export class ShardNotHeldError extends Error {}

const layoutSchema = z.object({
  format: z.literal(1),
  shards: z.number().int(),
  dimension: z.number().int(),
});

/**
 * The shards of one tier (hot or warm) this process holds: a file per shard in one folder,
 * attached to the shared engine. In the all role that is every shard; a store (AKOSHA_ROLE=store)
 * holds its share, numbered as in the whole deployment.
 * The shard count and dimension are written to akosha-<tier>.json on first start, because
 * changing either would misplace every stored memory. A system's memories live on the shard
 * of the same number in every tier.
 */
export class ShardSet {
  /** The shards held here, in shard order. */
  readonly shards: readonly Shard[];
  readonly layout: TierLayout;
  /** Shards of the whole deployment. */
  readonly total: number;
  private readonly byIndex: Map<number, Shard>;

  private constructor(layout: TierLayout, shards: Shard[], total: number) {
    this.layout = layout;
    this.shards = shards;
    this.total = total;
    this.byIndex = new Map(shards.map((s) => [s.index, s]));
  }

  static async open(instance: DuckDBInstance, layout: TierLayout, opts: ShardSetOptions): Promise<ShardSet> {
    const dir = resolve(opts.path);
    await mkdir(dir, { recursive: true });
    await checkLayout(join(dir, `akosha-${layout.tier}.json`), opts);
    const shards: Shard[] = [];
    try {
      for (const i of opts.owned ?? Array.from({ length: opts.shards }, (_, n) => n)) {
        shards.push(await Shard.open(instance, layout, i, join(dir, `shard-${i}.duckdb`), opts.dimension));
      }
    } catch (err) {
      await Promise.all(shards.map((s) => s.close()));
      throw err;
    }
    opts.logger.info(`${layout.tier} store open`, {
      path: dir,
      shards: shards.map((s) => s.index),
      dimension: opts.dimension,
    });
    return new ShardSet(layout, shards, opts.shards);
  }

  /** The shard of that number; an error when it is not held here. */
  at(index: number): Shard {
    const shard = this.byIndex.get(index);
    if (!shard) throw new ShardNotHeldError(`${this.layout.tier} shard ${index} is not held by this process`);
    return shard;
  }

  holds(index: number): boolean {
    return this.byIndex.has(index);
  }

  shardFor(systemId: string): Shard {
    return this.at(shardOf(systemId, this.total));
  }

  /** Which of these keys the tier holds. */
  async has(keys: readonly MemoryKey[]): Promise<MemoryKey[]> {
    const byShard = new Map<Shard, MemoryKey[]>();
    for (const k of keys) {
      const s = this.shardFor(k.systemId);
      byShard.set(s, [...(byShard.get(s) ?? []), k]);
    }
    return (await Promise.all([...byShard].map(([s, ks]) => s.has(ks)))).flat();
  }

  async sizeBytes(): Promise<number> {
    const sizes = await Promise.all(this.shards.map((s) => s.sizeBytes()));
    return sizes.reduce((a, b) => a + b, 0);
  }

  async count(): Promise<number> {
    const counts = await Promise.all(this.shards.map((s) => s.count()));
    return counts.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.shards.map((s) => s.close()));
  }
}

async function checkLayout(file: string, opts: ShardSetOptions): Promise<void> {
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
      `AKOSHA_SHARDS is ${opts.shards}, but the store at ${opts.path} was created with ${layout.shards} shards`,
    );
  }
  if (layout.dimension !== opts.dimension) {
    throw new StorageLayoutError(
      `AKOSHA_EMBEDDING_DIMENSION is ${opts.dimension}, but the store at ${opts.path} holds ${layout.dimension}-dim vectors`,
    );
  }
}
