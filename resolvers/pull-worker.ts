import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../monitoring/logger.ts';
import type { Metrics } from '../monitoring/metrics.ts';
import type { UploadLedger } from '../storage/sources/upload-ledger.ts';
import {
  ObjectMissingError,
  ObjectTooLargeError,
  type UploadSource,
} from '../storage/sources/upload-source.ts';
import { AkoshaError } from './errors.ts';
import { ingestSnapshot, type SnapshotDeps } from './snapshots.ts';
import { normalizeSystemId } from './validation.ts';

// Polls the drop bucket for systems/{system_id}/uploads/{upload_id}/manifest.json (the manifest
// is written last, so it marks a complete upload), ingests the files it lists through the same
// path as uploadSystemSnapshot, and records each upload in a ledger: ingested once, across
// restarts; a bad one quarantined with its reason, never retried in a loop.

const MANIFEST = /^systems\/([^/]+)\/uploads\/([^/]+)\/manifest\.json$/;

const manifestSchema = z.object({
  upload_id: z.string().min(1),
  system_id: z.string().min(1),
  files: z
    .array(z.object({ name: z.string(), path: z.string().min(1), compression: z.string().optional() }))
    .min(1),
});

class Quarantine extends Error {}

export type PullOptions = {
  maxConcurrent: number;
  timeoutMs: number;
  maxObjectBytes: number;
  /**
   * Takes an upload for `ms` so no other process works on it meanwhile (api pods share the ledger;
   * Redis holds the claims); false when another has it. Without it, every pending upload is taken.
   */
  claim?: (key: string, ms: number) => Promise<boolean>;
};
export type PullDeps = SnapshotDeps & {
  metrics: Pick<Metrics, 'pullUploads' | 'ingestionQueue'>;
  logger: Logger;
  clock: () => Date;
};

export function createPullWorker(
  deps: PullDeps,
  source: UploadSource,
  ledger: Pick<UploadLedger, 'discover' | 'finish' | 'list' | 'pendingCount'>,
  opts: PullOptions,
) {
  const { logger, metrics } = deps;

  async function ingestUpload(
    key: string,
    signal: AbortSignal,
  ): Promise<{ systemId: string; uploadId: string; accepted: number; duplicates: number; rejected: number }> {
    const dir = key.slice(0, -'manifest.json'.length);
    const scratch = await mkdtemp(join(tmpdir(), 'akosha-pull-'));
    try {
      const manifestFile = join(scratch, 'manifest.json');
      await source.download(key, manifestFile, 1_000_000);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(manifestFile, 'utf8'));
      } catch {
        throw new Quarantine('bad manifest: not JSON');
      }
      const parsed = manifestSchema.safeParse(json);
      if (!parsed.success)
        throw new Quarantine(
          `bad manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      const m = parsed.data;
      const systemId = normalizeSystemId(m.system_id);
      const totals = { accepted: 0, duplicates: 0, rejected: 0 };
      for (const f of m.files) {
        // A manifest may only point into its own upload folder.
        if (!f.path.startsWith(dir) || f.path.includes('..'))
          throw new Quarantine(`file ${f.path} is outside ${dir}`);
        const local = join(scratch, 'file');
        await source.download(f.path, local, opts.maxObjectBytes);
        signal.throwIfAborted();
        const r = await ingestSnapshot(deps, { systemId, stream: createReadStream(local), signal });
        totals.accepted += r.accepted + r.entities.created + r.relations.created;
        totals.duplicates += r.duplicates + r.entities.updated + r.relations.updated;
        totals.rejected += r.rejected;
        await rm(local, { force: true });
      }
      return { systemId, uploadId: m.upload_id, ...totals };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async function processOne(key: string): Promise<void> {
    const now = () => deps.clock();
    // The whole upload (every file of it) within AKOSHA_INGESTION_TIMEOUT; the work stops then.
    const deadline = AbortSignal.timeout(opts.timeoutMs);
    try {
      const result = await ingestUpload(key, deadline).catch((err: unknown) => {
        if (!deadline.aborted && !(err instanceof AkoshaError && err.code === 'INGESTION_TIMEOUT')) throw err;
        throw new Quarantine(
          `ingestion took longer than ${opts.timeoutMs / 1000} s (AKOSHA_INGESTION_TIMEOUT)`,
        );
      });
      await ledger.finish(key, { status: 'DONE', ...result }, now());
      metrics.pullUploads.inc({ outcome: 'done' });
      logger.info('upload ingested', { key, ...result });
    } catch (err) {
      const bad =
        err instanceof Quarantine ||
        err instanceof ObjectMissingError ||
        err instanceof ObjectTooLargeError ||
        (err instanceof AkoshaError && err.code === 'BAD_USER_INPUT');
      if (!bad) {
        // Transient (bucket unreachable...): left PENDING for the next poll.
        logger.warning('upload will be retried', { key, error: String(err) });
        metrics.pullUploads.inc({ outcome: 'retry' });
        return;
      }
      const reason = err instanceof Error ? err.message : String(err);
      await ledger.finish(key, { status: 'QUARANTINED', reason }, now());
      metrics.pullUploads.inc({ outcome: 'quarantined' });
      logger.warning('upload quarantined', { key, reason });
    }
  }

  /** One poll: discover new manifests, then ingest every pending upload, a few at a time. */
  async function poll(): Promise<void> {
    const keys = (await source.list('systems/')).filter((k) => MANIFEST.test(k));
    await ledger.discover(keys, deps.clock());
    const pending = (await ledger.list({ status: 'PENDING', limit: 10_000 })).map((u) => u.key);
    metrics.ingestionQueue.set({ source: 'pull' }, pending.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, opts.maxConcurrent) }, async () => {
        while (next < pending.length) {
          const key = pending[next++] as string;
          // Claimed past the ingestion timeout, so a claim outlives the work it guards.
          if (!opts.claim || (await opts.claim(key, opts.timeoutMs + 60_000))) await processOne(key);
          metrics.ingestionQueue.set({ source: 'pull' }, Math.max(0, pending.length - next));
        }
      }),
    );
    metrics.ingestionQueue.set({ source: 'pull' }, await ledger.pendingCount());
  }

  // Polls of this process never overlap; other processes are kept off an upload by its claim.
  let chain: Promise<void> = Promise.resolve();
  const pollOnce = (): Promise<void> => {
    chain = chain.then(poll, poll);
    return chain;
  };
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    pollOnce()
      .catch((err: unknown) => logger.error('upload poll failed', { error: String(err) }))
      .finally(() => {
        busy = false;
      });
  };
  return {
    pollOnce,
    start(intervalMs: number) {
      tick();
      timer = setInterval(tick, intervalMs);
    },
    async stop() {
      clearInterval(timer);
      await chain.catch(() => {});
      source.close();
    },
  };
}

export type PullWorker = ReturnType<typeof createPullWorker>;
