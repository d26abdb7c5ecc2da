import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { startTestApp } from '../support/app.ts';

type Key = { kid: string; alg: 'RS256' | 'ES256'; privateKey: CryptoKey; jwk: JWK };

async function makeKey(kid: string, alg: Key['alg']): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

const signWith = (key: Key, roles: string[]) =>
  new SignJWT({ roles })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject(`jwks-${key.kid}`)
    .setExpirationTime('5m')
    .sign(key.privateKey);

describe('JWKS from a real HTTP server, with key rotation', () => {
  let published: JWK[] = [];
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published }));
  });
  let url = '';
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let first: Key;
  let second: Key;

  beforeAll(async () => {
    first = await makeKey('k1', 'RS256');
    second = await makeKey('k2', 'ES256');
    published = [first.jwk];
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    app = await startTestApp({ AKOSHA_JWKS_URL: url, AKOSHA_JWKS_COOLDOWN_SECONDS: '0' });
  });
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
    await new Promise((resolve) => server.close(resolve));
  });

  const systems = (token: string) => app.gql(graphql(`query JwksSystems3 { systems { id } }`), {}, token);

  it('accepts a token signed by a published key and caches the set', async () => {
    const token = await signWith(first, ['viewer']);
    expect((await systems(token)).errors).toBeUndefined();
    const after = fetches;
    expect((await systems(token)).errors).toBeUndefined();
    expect(fetches).toBe(after);
    expect(after).toBeGreaterThanOrEqual(1);
  });

  it('refuses an HS256 token when keys come from a JWKS (no algorithm confusion)', async () => {
    const hs = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('some-secret-that-is-at-least-32-chars-long'));
    const r = await systems(hs);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.message).toMatch(/algorithm not allowed/);
  });

  it('follows a rotation: the new key works, the retired one stops working', async () => {
    published = [second.jwk];
    const fresh = await signWith(second, ['viewer']);
    expect((await systems(fresh)).errors).toBeUndefined();
    const old = await signWith(first, ['viewer']);
    const r = await systems(old);
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.errors?.[0]?.message).toMatch(/unknown key|signature/);
  });
});

describe('a local JWKS file', () => {
  it('verifies tokens against the keys in the file', async () => {
    const key = await makeKey('file-1', 'ES256');
    const other = await makeKey('file-2', 'ES256');
    const { tempDir } = await import('../support/app.ts');
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    const file = `${dir.path}/jwks.json`;
    writeFileSync(file, JSON.stringify({ keys: [key.jwk] }));
    const app = await startTestApp({ AKOSHA_JWKS_FILE: file }, dir);
    try {
      expect(
        (await app.gql(graphql(`query JwksSystems2 { systems { id } }`), {}, await signWith(key, ['viewer'])))
          .errors,
      ).toBeUndefined();
      const r = await app.gql(
        graphql(`query JwksSystems { systems { id } }`),
        {},
        await signWith(other, ['viewer']),
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await app.akosha.close();
      dir.remove();
    }
  });
});
