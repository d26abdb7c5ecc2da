import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { INGEST, startTestApp, TEST_SECRET } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

const secret = new TextEncoder().encode(TEST_SECRET);
const source = createVectorSource(21);
const memory = (id: string) => ({
  id,
  systemId: 'auth-sys',
  kind: 'CONVERSATION',
  content: `content ${id}`,
  embedding: source.next(),
  timestamp: '2026-11-01T00:00:00Z',
});

function sign(claims: Record<string, unknown>, opts: { exp?: number | string; nbf?: number | string } = {}) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt();
  jwt = jwt.setExpirationTime(opts.exp ?? '5m');
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  return jwt;
}

describe('authentication and authorisation', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_JWT_ISSUER: 'https://auth.test', AKOSHA_JWT_AUDIENCE: 'akosha' });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  const good = (claims: Record<string, unknown>) =>
    sign(claims).setIssuer('https://auth.test').setAudience('akosha').sign(secret);

  async function storedCount(): Promise<number> {
    const r = await app.gql(
      graphql(`query AuthSystems5 { systems { id memoryCount } }`),
      {},
      await good({ roles: ['admin'] }),
    );
    return r.data.systems.reduce((n: number, s: { memoryCount: number }) => n + s.memoryCount, 0);
  }

  const tampered = async () => {
    const [h, , s] = (await good({ roles: ['viewer'] })).split('.');
    const payload = Buffer.from(
      JSON.stringify({ sub: 'mallory', roles: ['admin'], iss: 'https://auth.test', aud: 'akosha', exp: 9e9 }),
    ).toString('base64url');
    return `${h}.${payload}.${s}`;
  };

  const now = Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string | null>, string, RegExp][] = [
    ['no token', async () => null, 'UNAUTHENTICATED', /none was sent/],
    [
      'alg none',
      async () =>
        new UnsecuredJWT({ roles: ['admin'] })
          .setSubject('m')
          .setIssuer('https://auth.test')
          .setAudience('akosha')
          .setExpirationTime('5m')
          .encode(),
      'UNAUTHENTICATED',
      /algorithm not allowed|malformed/,
    ],
    [
      'wrong key',
      () =>
        sign({ roles: ['admin'] })
          .setIssuer('https://auth.test')
          .setAudience('akosha')
          .sign(new TextEncoder().encode('another-secret-of-at-least-32-characters!!')),
      'UNAUTHENTICATED',
      /signature invalid/,
    ],
    ['tampered payload', tampered, 'UNAUTHENTICATED', /signature invalid/],
    [
      'expired',
      () =>
        sign({ roles: ['admin'] }, { exp: now - 120 })
          .setIssuer('https://auth.test')
          .setAudience('akosha')
          .sign(secret),
      'UNAUTHENTICATED',
      /expired/,
    ],
    [
      'not yet valid',
      () =>
        sign({ roles: ['admin'] }, { nbf: now + 600 })
          .setIssuer('https://auth.test')
          .setAudience('akosha')
          .sign(secret),
      'UNAUTHENTICATED',
      /not yet valid/,
    ],
    [
      'wrong issuer',
      () =>
        sign({ roles: ['admin'] })
          .setIssuer('https://evil.test')
          .setAudience('akosha')
          .sign(secret),
      'UNAUTHENTICATED',
      /issuer/,
    ],
    [
      'wrong audience',
      () =>
        sign({ roles: ['admin'] })
          .setIssuer('https://auth.test')
          .setAudience('other')
          .sign(secret),
      'UNAUTHENTICATED',
      /audience/,
    ],
    ['no roles', () => good({}), 'FORBIDDEN', /not allowed for mallory/],
    ['unknown role', () => good({ roles: ['superuser'] }), 'FORBIDDEN', /not allowed/],
    [
      'viewer calling ingestMemories',
      () => good({ roles: ['viewer'] }),
      'FORBIDDEN',
      /Mutation.ingestMemories/,
    ],
  ];

  for (const [name, token, code, message] of cases) {
    it(`refuses ${name} with ${code} and writes nothing`, async () => {
      const before = await storedCount();
      const r = await app.gql(INGEST, { input: [memory(`x-${name}`)] }, await token());
      expect(r.data).toBeNull();
      expect(r.errors?.[0]?.extensions?.code).toBe(code);
      expect(r.errors?.[0]?.message).toMatch(message);
      expect(r.status).toBe(code === 'UNAUTHENTICATED' ? 401 : 403);
      expect(await storedCount()).toBe(before);
    });
  }

  it('lets an operator ingest and search but not read the audit log (admin only)', async () => {
    const operator = await good({ roles: ['operator'] });
    const ok = await app.gql(INGEST, { input: [memory('op-1')] }, operator);
    expect(ok.data.ingestMemories.accepted).toBe(1);
    const audit = await app.gql(graphql(`query AuthAuditLog2 { auditLog { principal } }`), {}, operator);
    expect(audit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(audit.status).toBe(403);
  });

  it('keeps health public while refusing protected fields of the same request', async () => {
    const r = await app.gql(graphql(`query AuthHealth5 { health { status } systems { id } }`), {}, null);
    expect(r.data).toBeNull();
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const h = await app.gql(graphql(`query AuthHealth4 { health { status } }`), {}, null);
    expect(h.data.health.status).toBe('ok');
  });

  it('grants explicit scopes in addition to roles', async () => {
    const token = await good({ roles: ['viewer'], scopes: ['ingest:upload'] });
    const r = await app.gql(INGEST, { input: [memory('scoped-1')] }, token);
    expect(r.data.ingestMemories.accepted).toBe(1);
  });

  it('records every mutation in an audit trail that an admin can query', async () => {
    const admin = await good({ roles: ['admin'] });
    await app.gql(
      INGEST,
      { input: [memory('audit-1'), memory('audit-1'), { ...memory('bad'), id: '' }] },
      admin,
    );
    const r = await app.gql(
      graphql(
        `query AuthAuditLog { auditLog(limit: 100) { principal operation fields outcome errorCodes counts at } }`,
      ),
      {},
      admin,
    );
    const entries = r.data.auditLog;
    const ok = entries.find(
      (e: { counts: Record<string, number> }) => e.counts['ingestMemories.duplicates'] === 1,
    );
    expect(ok).toMatchObject({
      principal: 'mallory',
      operation: 'Ingest',
      fields: ['ingestMemories'],
      outcome: 'ok',
      counts: { 'ingestMemories.accepted': 1, 'ingestMemories.duplicates': 1, 'ingestMemories.rejected': 1 },
    });
    const denied = entries.filter((e: { outcome: string }) => e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(11);
    expect(denied.some((e: { principal: string }) => /anonymous \(token expired\)/.test(e.principal))).toBe(
      true,
    );
  });
});

describe('remembered tokens', () => {
  it('stop being accepted the moment they expire', async () => {
    const app = await startTestApp({ AKOSHA_JWT_CLOCK_TOLERANCE: '0' });
    try {
      const shortLived = await sign({ roles: ['viewer'] }, { exp: Math.floor(Date.now() / 1000) + 2 }).sign(
        secret,
      );
      expect(
        (await app.gql(graphql(`query AuthSystems4 { systems { id } }`), {}, shortLived)).errors,
      ).toBeUndefined();
      expect(
        (await app.gql(graphql(`query AuthSystems3 { systems { id } }`), {}, shortLived)).errors,
      ).toBeUndefined();
      await new Promise((r) => setTimeout(r, 2200));
      const late = await app.gql(graphql(`query AuthSystems2 { systems { id } }`), {}, shortLived);
      expect(late.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(late.errors?.[0]?.message).toMatch(/expired/);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});

describe('abuse limits', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({
      AKOSHA_MAX_DEPTH: '3',
      AKOSHA_MAX_ALIASES: '5',
      AKOSHA_MAX_TOKENS: '400',
      AKOSHA_MAX_DIRECTIVES: '4',
      AKOSHA_MAX_COST: '200',
      AKOSHA_BATCH_LIMIT: '3',
    });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  const stored = async () =>
    (await app.gql(graphql(`query AuthSystems { systems { memoryCount } }`))).data.systems.length;
  const ingestAs = (alias: string) =>
    `${alias}: ingestMemories(input: [{id: "${alias}", systemId: "abuse", kind: CONVERSATION, content: "x", timestamp: "2026-11-01T00:00:00Z", embedding: "${Buffer.from(new Float32Array(384).fill(0.05).buffer).toString('base64')}"}]) { accepted }`;

  it('refuses a depth bomb before running anything', async () => {
    expect(
      (await app.gql(graphql(`query AuthSearch5 { search(nearText: "a") { hits { clientId } } }`))).errors,
    ).toBeUndefined();
    const bomb = await app.gql(
      graphql(`query AuthSearch4 { search(nearText: "a") { hits { memory { clientId } } } }`),
    );
    expect(bomb.data ?? null).toBeNull();
    expect(bomb.errors?.[0]?.message).toMatch(/depth limit of 3 exceeded/i);
  });

  it('refuses an alias bomb and writes nothing', async () => {
    const before = await stored();
    const aliases = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'].map(ingestAs).join(' ');
    const r = await app.gql(`mutation { ${aliases} }`);
    expect(r.data ?? null).toBeNull();
    expect(r.errors?.[0]?.message).toMatch(/aliases/i);
    expect(await stored()).toBe(before);
    const m = await app.gql(
      graphql(`query AuthMemory2 { memory(systemId: "abuse", id: "a1") { clientId } }`),
    );
    expect(m.data.memory).toBeNull();
  });

  it('refuses an oversized query and too many directives', async () => {
    const big = await app.gql(`{ health { ${'status '.repeat(500)} } }`);
    expect(big.errors?.[0]?.message).toMatch(/token/i);
    const directives = await app.gql(
      `{ health @include(if: true) @include(if: true) @include(if: true) @include(if: true) @include(if: true) { status } }`,
    );
    expect(directives.errors?.[0]?.message).toMatch(/directive/i);
  });

  it('refuses an operation over the cost limit with QUERY_TOO_COMPLEX, running no resolver', async () => {
    const r = await app.gql(`mutation { ${['c1', 'c2', 'c3'].map(ingestAs).join(' ')} }`);

    expect(r.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r.errors?.[0]?.extensions?.cost).toBe(300);
    const m = await app.gql(graphql(`query AuthMemory { memory(systemId: "abuse", id: "c1") { clientId } }`));
    expect(m.data.memory).toBeNull();
    // search costs 10 plus one per hit asked for: 10 + 1000 > 200
    const search = await app.gql(
      graphql(`query AuthSearch3 { search(nearText: "a", limit: 1000) { hits { clientId } } }`),
    );
    expect(search.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(search.errors?.[0]?.extensions?.cost).toBe(1010);
    const small = await app.gql(
      graphql(`query AuthSearch2 { search(nearText: "a", limit: 100) { hits { clientId } } }`),
    );
    expect(small.errors).toBeUndefined();
  });

  it('limits batched requests', async () => {
    const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token('admin')}` },
      body: JSON.stringify(
        Array.from({ length: 4 }, () => ({ query: graphql(`query AuthHealth3 { health { status } }`) })),
      ),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toMatch(/[Bb]atching/);
    const three = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        Array.from({ length: 3 }, () => ({ query: graphql(`query AuthHealth2 { health { status } }`) })),
      ),
    });
    expect(((await three.json()) as unknown[]).length).toBe(3);
  });

  it('needs no CSRF header: a cross-site form without a bearer token reaches only health', async () => {
    // What a forged cross-site form can send: multipart, no custom header, no Authorization.
    const forged = (query: string) => {
      const form = new FormData();
      form.append('operations', JSON.stringify({ query }));
      form.append('map', '{}');
      return app.akosha.yoga.fetch('http://akosha.test/graphql', { method: 'POST', body: form });
    };
    const health = await forged('{ health { status } }');
    expect(health.status).toBe(200);
    const write = await forged('mutation { startMigration(input: { move: ALL }) { id } }');
    const body = (await write.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    // A GET query (urql's default for short queries) works with a token and no extra header.
    const get = await app.akosha.yoga.fetch(
      `http://akosha.test/graphql?query=${encodeURIComponent('{ systems { id } }')}`,
      { headers: { authorization: `Bearer ${await app.token('viewer')}` } },
    );
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: unknown }).data).toEqual({ systems: [] });
    // A mutation over GET is refused with 405 and a code.
    const getWrite = await app.akosha.yoga.fetch(
      `http://akosha.test/graphql?query=${encodeURIComponent('mutation { startMigration { id } }')}`,
      { headers: { authorization: `Bearer ${await app.token('admin')}` } },
    );
    expect(getWrite.status).toBe(405);
    const refused = (await getWrite.json()) as { errors: { extensions?: { code?: string } }[] };
    expect(refused.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('per-principal cost budgets and introspection', () => {
  it('answers RATE_LIMITED with a Retry-After once a principal spent its budget, per principal', async () => {
    const app = await startTestApp({
      AKOSHA_COST_BUDGET_PER_MINUTE: '100',
      AKOSHA_INTROSPECTION_ENABLED: 'false',
    });
    try {
      const alice = await app.token('viewer', 'alice');
      const bob = await app.token('viewer', 'bob');
      const q = graphql(`query AuthSearch { search(nearText: "budget", limit: 10) { hits { clientId } } }`);
      const first = await app.gql(q, {}, alice);
      expect(first.errors).toBeUndefined();
      let limited: Response | undefined;
      for (let i = 0; i < 20 && !limited; i++) {
        const res = await app.akosha.yoga.fetch('http://akosha.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
          body: JSON.stringify({ query: q }),
        });
        if (res.status === 429) limited = res;
      }
      expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = (await limited?.json()) as {
        errors: { extensions: { code: string; retryAfter: number } }[];
      };
      expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0]?.extensions.retryAfter).toBeGreaterThan(0);
      expect((await app.gql(q, {}, bob)).errors).toBeUndefined();

      const introspection = await app.gql(
        graphql(`query AuthSchema { __schema { types { name } } }`),
        {},
        alice,
      );
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    } finally {
      await app.akosha.close();
      app.dir.remove();
    }
  });
});

describe('the scheduled jobs’ token (AKOSHA_JOB_TOKEN)', () => {
  const jobToken = 'job-token-for-the-aging-cronjob-0123456789';
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ AKOSHA_JOB_TOKEN: jobToken });
    const r = await app.gql(INGEST, { input: [memory('job-1')] });
    expect(r.errors).toBeUndefined();
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
  });

  it('starts and follows a migration, and may do nothing else', async () => {
    const started = await app.gql(
      'mutation { startMigration(input: { move: HOT_TO_WARM, dryRun: true }) { id } }',
      {},
      jobToken,
    );
    expect(started.errors).toBeUndefined();
    const job = await app.gql(
      'query($id: ID!) { migrationJob(id: $id) { id } }',
      { id: started.data.startMigration.id },
      jobToken,
    );
    expect(job.data.migrationJob.id).toBe(started.data.startMigration.id);
    const search = await app.gql('query { search(nearText: "content") { hits { score } } }', {}, jobToken);
    expect(search.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ingest = await app.gql(INGEST, { input: [memory('job-2')] }, jobToken);
    expect(ingest.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const near = `${jobToken.slice(0, -1)}x`;
    const refused = await app.gql('{ systems { id } }', {}, near);
    expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
