import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import type { ObjectStore } from '../cold/object-store.ts';
import { type BackupManifest, listBackups, manifestSchema, readManifest, sha256File } from './backup.ts';

export type DataPaths = { hotPath: string; warmPath: string; metaPath: string };
export class RestoreError extends Error {}

const MARKER = 'restored-from.json';

/** Where a part of a backup goes in a data directory. */
function targetOf(paths: DataPaths, name: string): string {
  if (name === 'meta') return join(resolve(paths.metaPath), 'akosha.duckdb');
  const m = /^(hot|warm)-(\d+)$/.exec(name);
  if (!m) throw new RestoreError(`unknown part ${name} in the manifest`);
  return join(resolve(m[1] === 'hot' ? paths.hotPath : paths.warmPath), `shard-${m[2]}.duckdb`);
}

async function hasData(dir: string): Promise<boolean> {
  const names = await readdir(resolve(dir)).catch(() => [] as string[]);
  return names.some((n) => n.endsWith('.duckdb') || n.endsWith('.json'));
}

/**
 * Rebuilds a data directory from a backup (`latest` or an id): every part is downloaded and its
 * checksum checked before anything is replaced; an existing directory is refused unless `force`,
 * which moves it aside. The next start checks the result against the manifest (checkRestored).
 */
export async function restoreBackup(o: {
  objects: ObjectStore;
  backup: string;
  paths: DataPaths;
  force: boolean;
  now: Date;
}): Promise<BackupManifest> {
  const manifest =
    o.backup === 'latest'
      ? (await listBackups(o.objects))[0]
      : await readManifest(o.objects, `backups/${o.backup}/manifest.json`).catch(() => undefined);
  if (!manifest) throw new RestoreError(`no complete backup ${o.backup} in ${o.objects.name}`);
  const staging = `${resolve(o.paths.metaPath)}.restore-${manifest.id}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    for (const part of manifest.parts) {
      const local = await o.objects.localPath(part.key, { fresh: true });
      const staged = join(staging, `${part.name}.duckdb`);
      await copyFile(local, staged);
      if ((await sha256File(staged)) !== part.sha256)
        throw new RestoreError(
          `${part.key} does not match its checksum in the manifest; nothing was replaced`,
        );
    }
    const dirs = [o.paths.hotPath, o.paths.warmPath, o.paths.metaPath];
    const used = (await Promise.all(dirs.map(hasData))).some(Boolean);
    if (used && !o.force)
      throw new RestoreError('the data directory is not empty; pass --force to move it aside and restore');
    const stamp = o.now
      .toISOString()
      .replace(/[-:.TZ]/g, '')
      .slice(0, 14);
    for (const dir of dirs) {
      const abs = resolve(dir);
      if (
        await stat(abs).then(
          () => true,
          () => false,
        )
      )
        await rename(abs, `${abs}.before-restore-${stamp}`);
      await mkdir(abs, { recursive: true });
    }
    for (const part of manifest.parts)
      await rename(join(staging, `${part.name}.duckdb`), targetOf(o.paths, part.name));
    const layout = () =>
      `${JSON.stringify({ format: 1, shards: manifest.shards, dimension: manifest.dimension })}\n`;
    await writeFile(join(resolve(o.paths.hotPath), 'akosha-hot.json'), layout());
    await writeFile(join(resolve(o.paths.warmPath), 'akosha-warm.json'), layout());
    await writeFile(join(resolve(o.paths.metaPath), MARKER), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * After a restore, the first start compares every part with the manifest (row counts of every
 * table) and refuses to serve a directory that differs; a match removes the marker.
 */
export async function checkRestored(
  engine: DuckDBInstance,
  metaPath: string,
  catalogOf: (part: string) => string,
) {
  const marker = join(resolve(metaPath), MARKER);
  const text = await readFile(marker, 'utf8').catch(() => null);
  if (text === null) return null;
  const manifest = manifestSchema.parse(JSON.parse(text));
  const conn = await engine.connect();
  const problems: string[] = [];
  try {
    for (const part of manifest.parts) {
      for (const [table, rows] of Object.entries(part.rows)) {
        const r = await conn.runAndReadAll(
          `SELECT count(*)::DOUBLE AS n FROM ${catalogOf(part.name)}.main."${table.replaceAll('"', '""')}"`,
        );
        const n = Number(r.getRowObjectsJS()[0]?.n ?? -1);
        if (n !== rows) problems.push(`${part.name}.${table}: ${n} rows, the backup has ${rows}`);
      }
    }
  } finally {
    conn.closeSync();
  }
  if (problems.length > 0)
    throw new RestoreError(`the restored data does not match backup ${manifest.id}: ${problems.join('; ')}`);
  await rm(marker, { force: true });
  return manifest;
}
