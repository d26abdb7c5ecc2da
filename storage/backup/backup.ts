import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { z } from 'zod';
import type { ObjectStore } from '../cold/object-store.ts';
import { sqlString } from '../common/engine.ts';

// Online backups: each hot and warm shard and the metadata database is copied in one
// transaction of its own (COPY FROM DATABASE: a consistent snapshot while ingest and search go
// on), while no aging step runs (the caller holds the migrator), then stored with a manifest of
// row counts and checksums under backups/<id>/ in the object store. Cold objects already live
// there; the metadata copy holds their catalog.

export const manifestSchema = z.object({
  format: z.literal(1),
  id: z.string(),
  createdAt: z.string(),
  shards: z.number().int(),
  dimension: z.number().int(),
  parts: z.array(
    z.object({
      /** hot-3, warm-3, meta */
      name: z.string(),
      key: z.string(),
      sha256: z.string(),
      bytes: z.number(),
      /** Rows per table of the part, e.g. { memories: 1200 }. */
      rows: z.record(z.string(), z.number()),
    }),
  ),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupPart = { name: string; catalog: string };
export type BackupProgress = { partsDone: number; partsTotal: number; bytesDone: number };

const BACKUP_ID = /^backup-\d{14}-[0-9a-f]{8}$/;
export const isBackupId = (id: string) => BACKUP_ID.test(id);

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Row counts of every base table of an attached database. */
async function tableRows(engine: DuckDBInstance, catalog: string): Promise<Record<string, number>> {
  const conn = await engine.connect();
  try {
    const tables = (
      await conn.runAndReadAll(
        `SELECT table_name FROM duckdb_tables() WHERE database_name = $1 AND schema_name = 'main' ORDER BY 1`,
        [catalog],
      )
    )
      .getRowObjectsJS()
      .map((r) => String(r.table_name));
    const rows: Record<string, number> = {};
    for (const t of tables) {
      const r = await conn.runAndReadAll(
        `SELECT count(*)::DOUBLE AS n FROM ${catalog}.main."${t.replaceAll('"', '""')}"`,
      );
      rows[t] = Number(r.getRowObjectsJS()[0]?.n ?? 0);
    }
    return rows;
  } finally {
    conn.closeSync();
  }
}

/** Takes a backup of `parts` (attached catalogs of `engine`) into `objects`; returns its manifest. */
export async function takeBackup(o: {
  engine: DuckDBInstance;
  parts: readonly BackupPart[];
  objects: ObjectStore;
  tmpDir: string;
  shards: number;
  dimension: number;
  now: Date;
  onProgress?: (p: BackupProgress) => void;
}): Promise<BackupManifest> {
  const id = `backup-${o.now
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const dir = join(resolve(o.tmpDir), id);
  await mkdir(dir, { recursive: true });
  const manifest: BackupManifest = {
    format: 1,
    id,
    createdAt: o.now.toISOString(),
    shards: o.shards,
    dimension: o.dimension,
    parts: [],
  };
  const progress: BackupProgress = { partsDone: 0, partsTotal: o.parts.length, bytesDone: 0 };
  const conn = await o.engine.connect();
  try {
    for (const part of o.parts) {
      const file = join(dir, `${part.name}.duckdb`);
      const alias = `backup_${part.catalog}`;
      await conn.run(`ATTACH ${sqlString(file)} AS ${alias}`);
      try {
        await conn.run(`COPY FROM DATABASE ${part.catalog} TO ${alias}`);
        await conn.run(`CHECKPOINT ${alias}`);
      } finally {
        await conn.run(`DETACH ${alias}`);
      }
      const rows = await copiedRows(o.engine, file, alias);
      const key = `backups/${id}/${part.name}.duckdb`;
      const sha256 = await sha256File(file);
      const bytes = await o.objects.put(key, file);
      manifest.parts.push({ name: part.name, key, sha256, bytes, rows });
      await rm(file, { force: true });
      progress.partsDone++;
      progress.bytesDone += bytes;
      o.onProgress?.({ ...progress });
    }
    const manifestFile = join(dir, 'manifest.json');
    await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
    // The manifest last: a backup without one is incomplete and ignored.
    await o.objects.put(`backups/${id}/manifest.json`, manifestFile);
    return manifest;
  } finally {
    conn.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Row counts of a copied file, read back from the copy itself. */
async function copiedRows(
  engine: DuckDBInstance,
  file: string,
  alias: string,
): Promise<Record<string, number>> {
  const conn = await engine.connect();
  try {
    await conn.run(`ATTACH ${sqlString(file)} AS ${alias} (READ_ONLY)`);
    try {
      return await tableRows(engine, alias);
    } finally {
      await conn.run(`DETACH ${alias}`);
    }
  } finally {
    conn.closeSync();
  }
}

/** The manifests of complete backups in the store, newest first. */
export async function listBackups(objects: ObjectStore): Promise<BackupManifest[]> {
  const keys = (await objects.list('backups/')).filter((k) => /^backups\/[^/]+\/manifest\.json$/.test(k));
  const out: BackupManifest[] = [];
  for (const key of keys) {
    const m = await readManifest(objects, key).catch(() => null);
    if (m) out.push(m);
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function readManifest(objects: ObjectStore, key: string): Promise<BackupManifest> {
  const file = await objects.localPath(key, { fresh: true });
  return manifestSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Deletes all but the newest `keep` backups. */
export async function pruneBackups(objects: ObjectStore, keep: number): Promise<string[]> {
  const all = await listBackups(objects);
  const removed: string[] = [];
  for (const m of all.slice(keep)) {
    for (const p of m.parts) await objects.delete(p.key);
    await objects.delete(`backups/${m.id}/manifest.json`);
    removed.push(m.id);
  }
  return removed;
}
