import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../deploy/local/redis.ts';
import { startS3 } from '../../deploy/local/s3.ts';
import { createLogger } from '../../monitoring/logger.ts';
import { createMetrics } from '../../monitoring/metrics.ts';
import { createPullWorker } from '../../resolvers/pull-worker.ts';
import { graphql } from '../../schema/operations/gql.ts';
import { loadConfig } from '../../server/config.ts';
import { createShared } from '../../server/redis/shared.ts';
import { createS3UploadSource } from '../../storage/sources/upload-source.ts';
import { startTestApp, tempDir } from '../support/app.ts';
import { type Fixture, makeFixture, queryFile } from '../support/fixtures.ts';
import { waitFor } from '../support/process.ts';

const UPLOADS = graphql(
  `query PullWorkerUploads { uploads { key systemId uploadId status reason accepted duplicates rejected } }`,
);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)],
  );
}

describe('the pull worker against a real S3-compatible server', () => {
  const dir = tempDir();
  let s3: Awaited<ReturnType<typeof startS3>>;
  let client: S3Client;
  let fx: Fixture;
  const put = (key: string, body: Uint8Array | string) =>
    client.send(new PutObjectCommand({ Bucket: 'drops', Key: key, Body: body }));

  beforeAll(async () => {
    s3 = await startS3(join(dir.path, 's3'), 'drops');
    client = new S3Client({
      endpoint: s3.endpoint(),
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    fx = await makeFixture(join(dir.path, 'fx'), { seed: 11, n: 100, kg: true, systemId: 'drop-box-01' });
    // The bucket tree the generator wrote, manifest last, as Session-Buddy uploads it.
    const tree = files(fx.bucket).sort(
      (a, b) => Number(a.endsWith('manifest.json')) - Number(b.endsWith('manifest.json')),
    );
    for (const f of tree) await put(relative(fx.bucket, f), readFileSync(f));
    // Bad uploads: a manifest whose file is missing, a corrupt database, a manifest that is not JSON,
    // and one pointing outside its own folder.
    const manifest = (sys: string, upload: string, file: string) =>
      JSON.stringify({
        upload_id: upload,
        system_id: sys,
        files: [{ name: 'reflection.duckdb', path: file, compression: 'none' }],
      });
    await put(
      'systems/bad-1/uploads/u1/manifest.json',
      manifest('bad-1', 'u1', 'systems/bad-1/uploads/u1/reflection.duckdb'),
    );
    await put('systems/bad-2/uploads/u2/reflection.duckdb', new Uint8Array(5000).fill(3));
    await put(
      'systems/bad-2/uploads/u2/manifest.json',
      manifest('bad-2', 'u2', 'systems/bad-2/uploads/u2/reflection.duckdb'),
    );
    await put('systems/bad-3/uploads/u3/manifest.json', '{ not json');
    await put(
      'systems/bad-4/uploads/u4/manifest.json',
      manifest('bad-4', 'u4', `systems/drop-box-01/uploads/${fx.manifest.upload_id}/reflection.duckdb`),
    );
  }, 60_000);
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    dir.remove();
  });

  it('ingests a dropped upload once, quarantines bad ones with reasons, and ingests nothing again after a restart', async () => {
    const env = {
      ...s3.env(),
      AKOSHA_S3_BUCKET: '',
      AKOSHA_PULL_BUCKET: 'drops',
      AKOSHA_PULL_INTERVAL_SECONDS: '3600',
    };
    const app = await startTestApp(env, dir);
    await app.akosha.puller?.pollOnce();
    const uploads = (await app.gql(UPLOADS)).data.uploads as {
      key: string;
      status: string;
      reason: string | null;
      accepted: number;
      rejected: number;
    }[];
    const good = uploads.find((u) => u.key.startsWith('systems/drop-box-01/'));
    const [truth] = await queryFile(
      fx.reflection,
      `SELECT (SELECT count(embedding)::INT FROM conversations_v2) + (SELECT count(embedding)::INT FROM reflections_v2) +
              (SELECT count(embedding)::INT FROM conversations) + (SELECT count(embedding)::INT FROM reflections) AS with_vectors`,
    );
    expect(good).toMatchObject({ status: 'DONE', reason: null });
    const stored = (await app.gql(graphql(`query PullWorkerSystems3 { systems { id memoryCount } }`))).data
      .systems;
    const sys = stored.find((s: { id: string }) => s.id === 'drop-box-01');
    expect(sys.memoryCount).toBeGreaterThan(0);
    expect(sys.memoryCount).toBeLessThanOrEqual(Number(truth?.with_vectors));
    const entities = await app.gql(
      graphql(`query PullWorkerEntities { entities(systemId: "drop-box-01", limit: 1000) { id } }`),
    );
    expect(entities.data.entities.length).toBeGreaterThan(0);

    const bad = Object.fromEntries(
      uploads.filter((u) => u.key.startsWith('systems/bad-')).map((u) => [u.key.split('/')[1], u]),
    );
    expect(bad['bad-1']).toMatchObject({
      status: 'QUARANTINED',
      reason: expect.stringMatching(/does not exist/),
    });
    expect(bad['bad-2']).toMatchObject({
      status: 'QUARANTINED',
      reason: expect.stringMatching(/unknown file|database/),
    });
    expect(bad['bad-3']).toMatchObject({ status: 'QUARANTINED', reason: expect.stringMatching(/manifest/) });
    expect(bad['bad-4']).toMatchObject({ status: 'QUARANTINED', reason: expect.stringMatching(/outside/) });
    expect(
      (await app.gql(graphql(`query PullWorkerSystems2 { systems { id } }`))).data.systems.map(
        (s: { id: string }) => s.id,
      ),
    ).toEqual(['drop-box-01']);
    const metrics = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
    expect(metrics).toMatch(/^akosha_ingestion_queue_size\{source="pull"\} 0$/m);
    expect(metrics).toMatch(/^akosha_pull_uploads_total\{outcome="quarantined"\} 4$/m);
    await app.akosha.close();

    const restarted = await startTestApp(env, dir);
    try {
      await restarted.akosha.puller?.pollOnce();
      const after = (await restarted.gql(graphql(`query PullWorkerSystems { systems { id memoryCount } }`)))
        .data.systems;
      expect(after).toEqual(stored);
      const metrics2 = await (await restarted.akosha.yoga.fetch('http://akosha.test/metrics')).text();
      expect(metrics2).toMatch(/^akosha_pull_uploads_total\{outcome="done"\} 0$/m);
      expect((await restarted.gql(UPLOADS)).data.uploads).toHaveLength(5);
    } finally {
      await restarted.akosha.close();
    }
  });

  it('takes each upload once when two processes poll the same ledger at the same time (claims in Redis)', async () => {
    const redis = await startRedis();
    const app = await startTestApp({ ...s3.env(), AKOSHA_S3_BUCKET: '' }, tempDir());
    const processes = [0, 1].map(() =>
      createShared(loadConfig(redis.env()), createLogger('error'), createMetrics({ defaultMetrics: false })),
    );
    try {
      const workers = processes.map((shared) =>
        createPullWorker(
          app.akosha.app,
          createS3UploadSource({ bucket: 'drops', ...app.config.s3Connection }),
          app.akosha.stores.uploads,
          {
            maxConcurrent: 2,
            timeoutMs: 60_000,
            maxObjectBytes: 100_000_000,
            claim: (k, ms) => shared.claim(k, ms),
          },
        ),
      );
      await waitFor('redis', () => (processes.every((p) => p.redisState() === 'up') ? true : undefined));
      await Promise.all(workers.map((w) => w.pollOnce()));
      const uploads = (await app.gql(UPLOADS)).data.uploads as {
        key: string;
        status: string;
        accepted: number;
        duplicates: number;
      }[];
      const good = uploads.find((u) => u.key.startsWith('systems/drop-box-01/'));
      const stored = (await app.gql(graphql(`query PullWorkerSystems4 { systems { id memoryCount } }`))).data
        .systems;
      // Taken once: one outcome per upload, and no duplicates from a second run of the good one.
      expect(good).toMatchObject({ status: 'DONE', duplicates: 0 });
      expect(stored.find((x: { id: string }) => x.id === 'drop-box-01').memoryCount).toBeGreaterThan(0);
      const text = await (await app.akosha.yoga.fetch('http://akosha.test/metrics')).text();
      const count = (outcome: string) =>
        Number(
          new RegExp(`^akosha_pull_uploads_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text)?.[1] ??
            0,
        );
      expect(count('done') + count('quarantined')).toBe(5);
      for (const w of workers) await w.stop();
    } finally {
      for (const p of processes) await p.stop();
      await app.akosha.close();
      app.dir.remove();
      await redis.stop();
    }
  });
});
