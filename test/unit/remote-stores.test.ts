import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../deploy/local/redis.ts';
import { createLogger } from '../../monitoring/logger.ts';
import { createMetrics } from '../../monitoring/metrics.ts';
import { createShardSearchBatcher } from '../../resolvers/shard-search-batcher.ts';
import { type Listening, listen } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createStoreNode, type StoreNode } from '../../server/store-node.ts';
import { parseKeywordQuery } from '../../storage/keyword/query.ts';
import { ColdTierError, ShardTimeoutError, StoreUnavailableError } from '../../storage/port.ts';
import { createRemoteStores, type RemoteStores } from '../../storage/remote/remote-stores.ts';
import { createStoreClient } from '../../storage/remote/store-client.ts';
import { fromWire, toWire } from '../../storage/remote/wire.ts';
import { shardOf, storeOf } from '../../storage/shards/shard-hash.ts';
import type { MemoryRecord, ShardQuery } from '../../storage/types.ts';
import { dataPaths, tempDir } from '../support/app.ts';
import { createVectorSource, nearest } from '../support/vectors.ts';

const TOKEN = 'service-token-for-the-remote-stores-test';
const SHARDS = 4;

describe('the Wire encoding between api and store pods', () => {
  it('carries dates and float32 vectors exactly, and data that looks like a tag as itself', () => {
    const vector = new Float32Array([0.1, -2.5e-8, 3.4028234e38, 0]);
    const value = {
      at: new Date('2026-12-02T10:00:00.123Z'),
      vector,
      metadata: {
        a: { $date: 'not a date' },
        b: { $f32: '!!!' },
        c: { $obj: 1 },
        ['__proto__']: { polluted: true },
        list: [{ $date: 'x' }, new Date(0)],
      },
      missing: undefined,
    };
    const text = JSON.stringify(toWire(value));
    expect(text.length).toBeLessThan(400);
    const back = fromWire<typeof value>(JSON.parse(text));
    expect(back.at).toEqual(value.at);
    expect(back.vector).toBeInstanceOf(Float32Array);
    expect([...back.vector]).toEqual([...vector]);
    expect(back.metadata.a).toEqual({ $date: 'not a date' });
    expect(back.metadata.b).toEqual({ $f32: '!!!' });
    expect(back.metadata.c).toEqual({ $obj: 1 });
    expect(Object.hasOwn(back.metadata, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(back.metadata.list).toEqual([{ $date: 'x' }, new Date(0)]);
    expect('missing' in back).toBe(false);
  });

  it('refuses malformed tags instead of guessing', () => {
    expect(() => fromWire({ $date: 'yesterday' })).toThrow(/malformed \$date/);
    expect(() => fromWire({ $f32: 'AAA' })).toThrow(/multiple of 4/);
    expect(() => fromWire({ $obj: 'x' })).toThrow(/malformed \$obj/);
  });
});

describe('a store that is down, slow, refusing or answering nonsense', () => {
  let server: Server;
  let url = '';
  let behaviour: (res: import('node:http').ServerResponse) => void = () => {};
  beforeAll(async () => {
    server = createServer((_req, res) => behaviour(res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  const client = (to = url) =>
    createStoreClient({ ordinal: 1, url: to, token: TOKEN, timeoutMs: 300, shardNames: ['hot-1', 'warm-1'] });
  const failure = async (to?: string) => {
    const err = await client(to)
      .call('{ info }')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as StoreUnavailableError).shards).toEqual(['hot-1', 'warm-1']);
    return (err as Error).message;
  };

  it('names its shards with the reason, within the store timeout', async () => {
    expect(await failure('http://127.0.0.1:1')).toMatch(
      /^store 1 \(http:\/\/127\.0\.0\.1:1\) is unreachable/,
    );
    behaviour = () => {}; // never answers
    const started = Date.now();
    expect(await failure()).toMatch(/did not answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    behaviour = (res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>bad gateway</h1>');
    expect(await failure()).toMatch(/answered HTTP 502 without a GraphQL response/);
    behaviour = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":1}');
    expect(await failure()).toMatch(/answered HTTP 200 without a GraphQL response/);
    behaviour = (res) =>
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no"}]}');
    expect(await failure()).toMatch(/refused the service token/);
  });

  it('sends a query once more when its connection closed before an answer, never a mutation', async () => {
    let requests = 0;
    behaviour = (res) => {
      requests++;
      if (requests === 1) res.socket?.destroy();
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"info":"ok"}}');
    };
    expect(await client().call('query Info { info }')).toEqual({ info: 'ok' });
    expect(requests).toBe(2);
    requests = 0;
    expect(await client().call('{ info }')).toEqual({ info: 'ok' });
    expect(requests).toBe(2);
    requests = 0;
    behaviour = (res) => {
      requests++;
      res.socket?.destroy();
    };
    expect(await failure()).toMatch(/is unreachable/); // closed twice: sent twice, then unavailable
    expect(requests).toBe(2);
    requests = 0;
    const err = await client()
      .call('mutation Write { info }')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toMatch(/is unreachable/);
    expect(requests).toBe(1);
  });

  it('maps a store’s coded field errors back to the port’s errors', async () => {
    const answer = (code: string) => (res: import('node:http').ServerResponse) =>
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ data: null, errors: [{ message: `it failed: ${code}`, extensions: { code } }] }),
        );
    behaviour = answer('SHARD_TIMEOUT');
    await expect(client().call('{ info }')).rejects.toBeInstanceOf(ShardTimeoutError);
    behaviour = answer('COLD_UNAVAILABLE');
    await expect(client().call('{ info }')).rejects.toBeInstanceOf(ColdTierError);
    behaviour = answer('STORE_ERROR');
    await expect(client().call('{ info }')).rejects.toThrow(/^store 1: it failed: STORE_ERROR$/);
  });
});

describe('the shard port over two store processes', () => {
  const dir = tempDir();
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const nodes: StoreNode[] = [];
  const servers: Listening[] = [];
  const proxies: Server[] = [];
  const requests = [0, 0];
  let remote: RemoteStores;
  const source = createVectorSource(7);
  const systems = Array.from({ length: 8 }, (_, i) => `rs-${i}`);
  const records: MemoryRecord[] = systems.flatMap((systemId) =>
    Array.from({ length: 5 }, (_, i) => {
      const embedding = new Float32Array(source.next());
      return {
        systemId,
        id: `m${i}`,
        kind: 'CONVERSATION' as const,
        content: `memory ${i} of ${systemId}`,
        contentHash: `h${i}`,
        timestamp: new Date('2026-11-30T00:00:00Z'),
        uploadedAt: new Date('2026-12-01T00:00:00Z'),
        metadata: { i },
        embedding,
        norm: 1,
        embeddingModel: 'test-model',
      };
    }),
  );
  const query = (vector: Float32Array): ShardQuery => nearest(vector, 3);

  beforeAll(async () => {
    redis = await startRedis();
    for (const ordinal of [0, 1]) {
      const config = loadConfig({
        ...dataPaths(`${dir.path}/store-${ordinal}`),
        ...redis.env(),
        AKOSHA_ROLE: 'store',
        AKOSHA_STORE_ORDINAL: String(ordinal),
        AKOSHA_STORE_REPLICAS: '2',
        AKOSHA_SHARDS: String(SHARDS),
        AKOSHA_SERVICE_TOKEN: TOKEN,
      });
      const node = await createStoreNode(config, createLogger('error'), { version: 'test' });
      nodes.push(node);
      const http = await listen(node, '127.0.0.1', 0);
      servers.push(http);
      // A proxy in front of each store counts the requests an api pod makes.
      const target = new URL(http.url);
      const proxy = createServer((req, res) => {
        requests[ordinal] = (requests[ordinal] ?? 0) + 1;
        const forward = request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        req.pipe(forward);
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      proxies.push(proxy);
    }
    remote = createRemoteStores({
      urls: proxies.map((p) => `http://127.0.0.1:${(p.address() as AddressInfo).port}`),
      token: TOKEN,
      shards: SHARDS,
      timeoutMs: 5000,
      logger: createLogger('error'),
      clock: () => new Date(),
      registerJob: async () => {},
    });
  });
  afterAll(async () => {
    for (const p of proxies) {
      p.closeAllConnections();
      p.close();
    }
    for (const s of servers) await s.stop();
    for (const n of nodes) await n.close();
    await redis.stop();
    dir.remove();
  });

  it('writes each shard on the store holding it, and that store only', async () => {
    for (const shard of [0, 1, 2, 3]) {
      const part = records.filter((r) => shardOf(r.systemId, SHARDS) === shard);
      const outcome = await remote.insert(shard, part);
      expect(outcome.inserted).toHaveLength(part.length);
    }
    for (const [ordinal, node] of nodes.entries()) {
      const held = (await node.stores.systems()).map((s) => s.id).sort();
      expect(held).toEqual(systems.filter((s) => storeOf(shardOf(s, SHARDS), 2) === ordinal).sort());
    }
    // A store refuses a shard it does not hold, naming it.
    const wrong = records.find((r) => storeOf(shardOf(r.systemId, SHARDS), 2) === 0) as MemoryRecord;
    await expect(nodes[1]?.stores.insert(shardOf(wrong.systemId, SHARDS), [wrong])).rejects.toThrow(
      /shard \d is not held by this process/,
    );
  });

  it('sends a whole DataLoader round as one request per store, and answers each query', async () => {
    const batcher = createShardSearchBatcher(remote, createMetrics({ defaultMetrics: false }));
    const asked = records.filter((_, i) => i % 3 === 0);
    requests[0] = 0;
    requests[1] = 0;
    const answers = await Promise.all(
      asked.flatMap((r) =>
        [0, 1, 2, 3].map((shard) =>
          batcher.search('hot', shard, query(r.embedding)).then((a) => ({ r, shard, a })),
        ),
      ),
    );
    // 14 queries × 4 shards = 56 shard searches: one request to each store.
    expect(answers).toHaveLength(asked.length * 4);
    expect(requests).toEqual([1, 1]);
    for (const { r, shard, a } of answers) {
      if (shard !== shardOf(r.systemId, SHARDS)) continue;
      expect(a.hits[0]).toMatchObject({ systemId: r.systemId, id: r.id });
      expect(a.hits[0]?.score).toBeGreaterThan(0.999);
    }
  });

  it('answers keyword queries (with their explain parts) and names the embedding models, through the stores', async () => {
    const target = records.find((r) => r.id === 'm3' && r.systemId === 'rs-5') as MemoryRecord;
    const shard = shardOf(target.systemId, SHARDS);
    const [answer] = await remote.search('hot', shard, [
      { ...query(target.embedding), vector: undefined, keyword: parseKeywordQuery('rs-5 3') ?? [] },
    ]);
    expect(answer?.strategy).toBe('bm25-postings');
    expect(answer?.hits[0]).toMatchObject({ systemId: 'rs-5', id: 'm3' });
    expect(answer?.hits[0]?.parts).toHaveLength(3);
    expect(answer?.hits[0]?.parts?.reduce((a, b) => a + b, 0)).toBeCloseTo(answer?.hits[0]?.score ?? -1, 12);
    const systems = await remote.systems();
    expect(systems.find((x) => x.id === 'rs-5')?.embeddingModels).toEqual(['test-model']);
  });

  it('loads memories from both stores with one request each, embeddings exact', async () => {
    requests[0] = 0;
    requests[1] = 0;
    const keys = [
      ...records.slice(0, 12).map((r) => ({ systemId: r.systemId, id: r.id })),
      { systemId: 'rs-0', id: 'none' },
    ];
    const loaded = await remote.load(keys, { withEmbedding: true });
    expect(requests).toEqual([1, 1]);
    expect(loaded.at(-1)).toBeNull();
    loaded.slice(0, 12).forEach((m, i) => {
      const r = records[i] as MemoryRecord;
      expect(m).toMatchObject({ systemId: r.systemId, id: r.id, content: r.content, timestamp: r.timestamp });
      expect(m?.embedding).toEqual([...r.embedding]);
    });
  });
});
