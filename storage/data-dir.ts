import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// Whether a data directory is whole: a start must not serve one that lost a part silently.

/** The parts of a data directory that was in use (it has a layout file) and are gone now. */
export async function lostParts(o: {
  hotPath: string;
  warmPath: string;
  metaFile: string;
  shards: number;
  /** The shards this process holds (a store's share); all when unset. */
  owned?: readonly number[] | undefined;
}): Promise<string[]> {
  const { metaFile } = o;
  const exists = (f: string) =>
    stat(f).then(
      () => true,
      () => false,
    );
  const layouts = [
    join(resolve(o.hotPath), 'akosha-hot.json'),
    join(resolve(o.warmPath), 'akosha-warm.json'),
  ];
  const used = (await Promise.all([...layouts, metaFile].map(exists))).some(Boolean);
  if (!used) return [];
  const parts = [...layouts, metaFile];
  // The shard count the directory was made with (a changed AKOSHA_SHARDS is refused later, by name).
  const recorded = await readFile(layouts[0] as string, 'utf8')
    .then((t) => Number((JSON.parse(t) as { shards?: unknown }).shards))
    .catch(() => Number.NaN);
  const shards = Number.isInteger(recorded) && recorded > 0 ? recorded : o.shards;
  const held = o.owned ?? Array.from({ length: shards }, (_, i) => i);
  for (const dir of [o.hotPath, o.warmPath])
    for (const i of held) parts.push(join(resolve(dir), `shard-${i}.duckdb`));
  const present = await Promise.all(parts.map(exists));
  return parts.filter((_, i) => !present[i]);
}

export class LostPartsError extends Error {}
