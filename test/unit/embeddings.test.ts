import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// nearText through an OpenAI-compatible embeddings endpoint (AKOSHA_EMBEDDING_URL), against a
// local server that implements POST /v1/embeddings the way text-embeddings-inference and Ollama
// do: the model's vectors are Session-Buddy's space, so a text finds the memory it describes.

const DIM = 16;
const source = createVectorSource(71, DIM, 8);
const planted = source.next();

type Behaviour = 'ok' | 'error' | 'slow' | 'short' | 'garbage';

describe('nearText through an OpenAI-compatible embeddings endpoint', () => {
  let server: Server;
  let behaviour: Behaviour = 'ok';
  const seen: { auth: string | undefined; model: string; input: string }[] = [];
  let app: Awaited<ReturnType<typeof startTestApp>>;

  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (c: Buffer) => {
        text += c.toString();
      });
      req.on('end', () => resolve(text));
    });

  beforeAll(async () => {
    server = createServer(async (req, res) => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const { model, input } = JSON.parse(await body(req)) as { model: string; input: string };
      seen.push({ auth: req.headers.authorization, model, input });
      if (behaviour === 'error') return void res.writeHead(500).end('model crashed');
      if (behaviour === 'garbage') return void res.writeHead(200).end('<html>proxy</html>');
      if (behaviour === 'slow') await new Promise((r) => setTimeout(r, 2500));
      const embedding =
        behaviour === 'short' ? planted.slice(0, 8) : input.includes('planted') ? planted : source.next();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ object: 'list', model, data: [{ object: 'embedding', index: 0, embedding }] }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    app = await startTestApp({
      AKOSHA_EMBEDDING_DIMENSION: String(DIM),
      AKOSHA_EMBEDDING_URL: `http://127.0.0.1:${port}/v1`,
      AKOSHA_EMBEDDING_API_KEY: 'sk-local-test',
      AKOSHA_EMBEDDING_TIMEOUT: '1',
      AKOSHA_CACHE_ENABLED: 'false',
    });
    const memories = [planted, source.next(), source.next()].map((embedding, i) => ({
      id: `e-${i}`,
      systemId: 'emb-sys',
      kind: 'CONVERSATION',
      content: `memory ${i}`,
      embedding,
      timestamp: '2026-11-20T10:00:00Z',
      // the model the endpoint serves: a text search of these memories is allowed
      embeddingModel: 'all-MiniLM-L6-v2',
    }));
    expect((await app.gql(INGEST, { input: memories })).data.ingestMemories.accepted).toBe(3);
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const search = (text: string) =>
    app.gql('query($t: String!) { search(nearText: $t, limit: 1) { hits { clientId score } } }', { t: text });

  it('embeds the query with the model, sends the key, and finds the memory in that space', async () => {
    behaviour = 'ok';
    const r = await search('the planted one');
    expect(r.errors).toBeUndefined();
    expect(r.data.search.hits[0]).toMatchObject({ clientId: 'e-0' });
    expect(r.data.search.hits[0].score).toBeGreaterThan(0.999);
    expect(seen.at(-1)).toEqual({
      auth: 'Bearer sk-local-test',
      model: 'all-MiniLM-L6-v2',
      input: 'the planted one',
    });
  });

  it('refuses clearly when the endpoint fails, stalls, answers garbage or a wrong dimension', async () => {
    const cases: [Behaviour, RegExp][] = [
      ['error', /answered HTTP 500: model crashed/],
      ['slow', /did not answer within 1 s/],
      ['garbage', /not JSON/],
      ['short', /answered 8 values for model all-MiniLM-L6-v2, expected 16/],
    ];
    for (const [b, message] of cases) {
      behaviour = b;
      const r = await search('the planted one');
      expect(r.status, b).toBe(503);
      expect(r.errors?.[0]?.extensions?.code, b).toBe('EMBEDDING_UNAVAILABLE');
      expect(r.errors?.[0]?.message, b).toMatch(message);
    }
    behaviour = 'ok';
    // A vector search never asks the endpoint.
    const before = seen.length;
    const v = await app.gql('query($v: Vector!) { search(nearVector: $v, limit: 1) { hits { clientId } } }', {
      v: planted,
    });
    expect(v.data.search.hits[0].clientId).toBe('e-0');
    expect(seen.length).toBe(before);
  });
});
