import { createHash } from 'node:crypto';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { cacheExchange, createClient, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../server/app.ts';
import { INGEST, startHttpApp, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// Standard clients with their default settings: Apollo Client's normalised InMemoryCache keys
// objects by __typename + id, urql sends short queries as GET. Two systems' memories with the same
// client id must stay two objects, two hits must keep their own scores, and Apollo's automatic
// persisted queries must work.

const source = createVectorSource(31);
const base = source.next();
const near = (scale: number) => base.map((x, i) => x + scale * Math.sin(i + scale));
const memory = (systemId: string, content: string, embedding: number[]) => ({
  id: 'same-1',
  systemId,
  kind: 'CONVERSATION',
  content,
  embedding,
  timestamp: '2026-11-20T10:00:00Z',
});

const TWO = gql`
  query Two {
    a: memory(systemId: "laptop-a", id: "same-1") { id clientId systemId content }
    b: memory(systemId: "devbox-01", id: "same-1") { id clientId systemId content }
  }
`;
const ONE = gql`
  query One($s: String!) { memory(systemId: $s, id: "same-1") { id clientId systemId content } }
`;
// biome-ignore lint/suspicious/noExplicitAny: responses are inspected field by field
type Data = any;

const SEARCH = gql`
  query Hits($v: Vector!) {
    search(nearVector: $v, limit: 2) { hits { score systemId clientId memory { id content } } }
  }
`;

describe('GraphQL clients with their defaults', () => {
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let http: Listening;
  let token: string;
  beforeAll(async () => {
    app = await startHttpApp();
    const r = await app.gql(INGEST, {
      input: [
        memory('laptop-a', 'the laptop copy', near(0.01)),
        memory('devbox-01', 'the devbox copy', near(0.2)),
      ],
    });
    expect(r.data.ingestMemories.accepted).toBe(2);
    http = app.http;
    token = await app.token('admin');
  });
  afterAll(() => app.close());

  const apollo = (persisted = false) => {
    const httpLink = new HttpLink({ uri: http.url, headers: { authorization: `Bearer ${token}` } });
    const sha256 = (q: string) => createHash('sha256').update(q).digest('hex');
    return new ApolloClient({
      cache: new InMemoryCache(),
      link: persisted ? new PersistedQueryLink({ sha256 }).concat(httpLink) : httpLink,
    });
  };

  it('Apollo Client (InMemoryCache): same client id in two systems stays two memories, also across queries', async () => {
    const client = apollo();
    const both = await client.query<Data>({ query: TWO });
    expect(both.data?.a).toMatchObject({ systemId: 'laptop-a', content: 'the laptop copy' });
    expect(both.data?.b).toMatchObject({ systemId: 'devbox-01', content: 'the devbox copy' });
    expect(both.data?.a.id).not.toBe(both.data?.b.id);
    // Read back from the normalised cache: each query sees its own memory.
    const laptop = await client.query<Data>({ query: ONE, variables: { s: 'laptop-a' } });
    const devbox = await client.query<Data>({ query: ONE, variables: { s: 'devbox-01' } });
    expect(laptop.data?.memory.content).toBe('the laptop copy');
    expect(devbox.data?.memory.content).toBe('the devbox copy');
    const cached = client.cache.extract() as Record<string, { content?: string }>;
    const memories = Object.entries(cached).filter(([k]) => k.startsWith('Memory:'));
    expect(memories.map(([, m]) => m.content).sort()).toEqual(['the devbox copy', 'the laptop copy']);
  });

  it('Apollo Client: two hits of the same client id keep their own scores and memories', async () => {
    const r = await apollo().query<Data>({ query: SEARCH, variables: { v: near(0.01) } });
    const hits = r.data?.search.hits as { score: number; systemId: string; memory: { content: string } }[];
    expect(hits).toHaveLength(2);
    expect(hits[0]?.systemId).toBe('laptop-a');
    expect(hits[1]?.systemId).toBe('devbox-01');
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 1);
    expect(hits.map((h) => h.memory.content)).toEqual(['the laptop copy', 'the devbox copy']);
  });

  it('Apollo automatic persisted queries: the hash alone after the first miss', async () => {
    const sent: { hasQuery: boolean; hash?: string }[] = [];
    const spy = async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body ?? '{}')) as {
        query?: string;
        extensions?: { persistedQuery?: { sha256Hash: string } };
      };
      const hash = body.extensions?.persistedQuery?.sha256Hash;
      sent.push({ hasQuery: typeof body.query === 'string', ...(hash ? { hash } : {}) });
      return fetch(input, init);
    };
    const sha256 = (q: string) => createHash('sha256').update(q).digest('hex');
    const link = () =>
      new PersistedQueryLink({ sha256 }).concat(
        new HttpLink({ uri: http.url, headers: { authorization: `Bearer ${token}` }, fetch: spy }),
      );
    const first = new ApolloClient({ cache: new InMemoryCache(), link: link() });
    const r1 = await first.query<Data>({ query: ONE, variables: { s: 'laptop-a' } });
    expect(r1.data?.memory.content).toBe('the laptop copy');
    // Unknown hash → PersistedQueryNotFound → the query with its hash.
    expect(sent.map((s) => s.hasQuery)).toEqual([false, true]);
    const second = new ApolloClient({ cache: new InMemoryCache(), link: link() });
    const r2 = await second.query<Data>({ query: ONE, variables: { s: 'devbox-01' } });
    expect(r2.data?.memory.content).toBe('the devbox copy');
    expect(sent.map((s) => s.hasQuery)).toEqual([false, true, false]);
    // A hash that does not match its query is refused, nothing stored under it.
    const wrong = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ systems { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: sent[0]?.hash?.replace(/^./, '0') } },
      }),
    });
    expect(wrong.status).toBe(400);
    expect(
      ((await wrong.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code,
    ).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('urql (defaults: GET for short queries, document cache): two memories, own scores', async () => {
    const methods: string[] = [];
    const client = createClient({
      url: http.url,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
      fetch: async (input, init) => {
        methods.push(init?.method ?? 'GET');
        return fetch(input, init);
      },
    });
    const laptop = await client.query(ONE, { s: 'laptop-a' }).toPromise();
    const devbox = await client.query(ONE, { s: 'devbox-01' }).toPromise();
    expect(laptop.error).toBeUndefined();
    expect(laptop.data.memory.content).toBe('the laptop copy');
    expect(devbox.data.memory.content).toBe('the devbox copy');
    expect(methods).toContain('GET');
    const hits = await client.query(SEARCH, { v: near(0.2) }).toPromise();
    expect(hits.error).toBeUndefined();
    const [top, next] = hits.data.search.hits as { score: number; systemId: string }[];
    expect(top?.systemId).toBe('devbox-01');
    expect(next?.systemId).toBe('laptop-a');
    expect(top?.score).toBeGreaterThan(next?.score ?? 1);
  });

  it('finds a memory by its global id (node)', async () => {
    const r = await apollo().query<Data>({ query: TWO });
    const node = await app.gql('query($id: ID!) { node(id: $id) { id ... on Memory { content } } }', {
      id: r.data?.b.id,
    });
    expect(node.data.node).toEqual({ id: r.data?.b.id, content: 'the devbox copy' });
    const none = await app.gql('{ node(id: "bm90LWEtZ2xvYmFsLWlk") { id } }');
    expect(none.data.node).toBeNull();
  });
});

describe('@defer', () => {
  it('sends a search’s hits first and the deferred memories after, as incremental parts', async () => {
    const app = await startTestApp();
    try {
      const v = source.next();
      await app.gql(INGEST, { input: [memory('defer-sys', 'deferred content', v)] });
      const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'multipart/mixed',
          authorization: `Bearer ${await app.token('viewer')}`,
        },
        body: JSON.stringify({
          query: `query($v: Vector!) { search(nearVector: $v, limit: 1) {
            hits { clientId score ... @defer(label: "memory") { memory { content } } } } }`,
          variables: { v },
        }),
      });
      expect(res.headers.get('content-type')).toMatch(/^multipart\/mixed/);
      const text = await res.text();
      const parts = text
        .split(/\r?\n---/)
        .map((p) => p.slice(p.indexOf('{')))
        .filter((p) => p.startsWith('{'))
        .map((p) => JSON.parse(p.slice(0, p.lastIndexOf('}') + 1)));
      expect(parts[0].data.search.hits[0]).toEqual({ clientId: 'same-1', score: expect.any(Number) });
      expect(parts[0].hasNext).toBe(true);
      const later = parts.slice(1).flatMap((p) => p.incremental ?? []);
      expect(later).toContainEqual(
        expect.objectContaining({ label: 'memory', data: { memory: { content: 'deferred content' } } }),
      );
      expect(parts.at(-1).hasNext).toBe(false);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});
