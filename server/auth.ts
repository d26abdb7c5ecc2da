import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWSAlgorithm,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import { z } from 'zod';
import type { Logger } from '../monitoring/logger.ts';
import { principalFrom, type Role } from '../resolvers/principal.ts';
import type { Config } from './config.ts';
import type { Auth } from './context.ts';
import { sameToken } from './use-ops-endpoints.ts';

export type Verifier = { verify(token: string | null): Promise<Auth & { expiresAt: number | null }> };

const claimsSchema = z.object({
  sub: z.string().min(1),
  exp: z.number(),
  roles: z.array(z.string()).default([]),
  scopes: z.array(z.string()).optional(),
  scope: z.string().optional(),
  /** The systems the token is limited to; an empty list allows none. */
  systems: z.array(z.string()).optional(),
});

/** jose's error codes, in words a caller can act on. */
function describe(err: unknown): string {
  const e = err as { code?: string; claim?: string };
  switch (e.code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (e.claim === 'nbf') return 'token not yet valid';
      if (e.claim === 'iss') return 'wrong token issuer';
      if (e.claim === 'aud') return 'wrong token audience';
      return `token claim ${e.claim ?? ''} invalid`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'token algorithm not allowed';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'token signature invalid';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'token signed by an unknown key';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return 'signing keys unavailable';
    default:
      return 'token malformed';
  }
}

type KeySource = { key: Uint8Array | JWTVerifyGetKey; algorithms: JWSAlgorithm[]; name: string };

async function keySource(config: Config, logger: Logger): Promise<KeySource> {
  const asymmetric: JWSAlgorithm[] = ['RS256', 'ES256', 'PS256', 'EdDSA'];
  const pick = (fallback: JWSAlgorithm[]) =>
    config.jwtAlgorithms.length > 0 ? config.jwtAlgorithms : fallback;
  if (config.jwksUrl) {
    const jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
      cacheMaxAge: config.jwksCacheSeconds * 1000,
      // after this long, a token with an unknown key id makes the set refetch (key rotation)
      cooldownDuration: config.jwksCooldownSeconds * 1000,
    });
    return { key: jwks, algorithms: pick(asymmetric), name: `JWKS ${config.jwksUrl}` };
  }
  if (config.jwksFile) {
    const jwks = JSON.parse(await readFile(config.jwksFile, 'utf8')) as JSONWebKeySet;
    return {
      key: createLocalJWKSet(jwks),
      algorithms: pick(asymmetric),
      name: `JWKS file ${config.jwksFile}`,
    };
  }
  const secret = config.jwtSecret ?? (await developmentSecret(config, logger));
  return { key: new TextEncoder().encode(secret), algorithms: ['HS256'], name: 'HS256 shared secret' };
}

/**
 * The principal of AKOSHA_JOB_TOKEN: a Kubernetes CronJob's credential that does not expire (it is
 * rotated with its Secret) and so may only start migrations and follow their progress.
 */
const JOB_PRINCIPAL = principalFrom('akosha-job', [], ['system:migrate', 'system:status']);

/** Without any key source, a random HS256 secret is kept under the data folder for `npm run token`. */
export async function developmentSecret(config: Config, logger?: Logger): Promise<string> {
  const file = config.devSecretFile;
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  logger?.warning('no AKOSHA_JWT_SECRET or JWKS configured: generated a development secret', { file });
  return secret;
}

export async function createVerifier(config: Config, logger: Logger): Promise<Verifier> {
  const source = await keySource(config, logger);
  logger.info('authentication', { keys: source.name, algorithms: source.algorithms });
  const options = {
    algorithms: source.algorithms,
    clockTolerance: config.jwtClockToleranceSeconds,
    requiredClaims: ['exp', 'sub'],
    ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
    ...(config.jwtAudience ? { audience: config.jwtAudience } : {}),
  };
  // Verifying costs ~0.3 ms of WebCrypto per request, more than a simple query; clients send
  // the same token again and again. A verified token is remembered for a short while: for the
  // shared secret, up to a minute; for a JWKS, up to its cool-down, so a rotated-out key stops
  // working as soon as a refetch could have noticed.
  const rememberMs = (config.jwksUrl || config.jwksFile ? config.jwksCooldownSeconds : 60) * 1000;
  const remembered = new Map<string, { auth: Auth & { expiresAt: number | null }; until: number }>();
  const { jobToken } = config;
  return {
    async verify(token) {
      if (!token) return { principal: null, problem: null, expiresAt: null };
      if (jobToken && sameToken(token, jobToken))
        return { principal: JOB_PRINCIPAL, problem: null, expiresAt: null };
      const hit = remembered.get(token);
      if (hit && hit.until > Date.now()) return hit.auth;
      const auth = await verifyToken(token);
      if (auth.principal && rememberMs > 0) {
        if (remembered.size >= 10_000) remembered.delete(remembered.keys().next().value ?? '');
        remembered.set(token, { auth, until: Math.min(Date.now() + rememberMs, auth.expiresAt ?? 0) });
      }
      return auth;
    },
  };

  async function verifyToken(token: string): Promise<Auth & { expiresAt: number | null }> {
    try {
      const { payload } =
        source.key instanceof Uint8Array
          ? await jwtVerify(token, source.key, options)
          : await jwtVerify(token, source.key, options);
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { principal: null, problem: 'token claims invalid', expiresAt: null };
      const scopes = claims.data.scopes ?? claims.data.scope?.split(' ').filter(Boolean) ?? [];
      return {
        principal: principalFrom(claims.data.sub, claims.data.roles, scopes, claims.data.systems ?? null),
        problem: null,
        expiresAt: claims.data.exp * 1000,
      };
    } catch (err) {
      return { principal: null, problem: describe(err), expiresAt: null };
    }
  }
}

export async function mintDevelopmentToken(
  config: Config,
  opts: { sub: string; roles: Role[]; ttlSeconds: number; systems?: readonly string[] | undefined },
): Promise<string> {
  const secret = config.jwtSecret ?? (await developmentSecret(config));
  let jwt = new SignJWT({ roles: opts.roles, ...(opts.systems ? { systems: [...opts.systems] } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(opts.sub)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + opts.ttlSeconds);
  if (config.jwtIssuer) jwt = jwt.setIssuer(config.jwtIssuer);
  if (config.jwtAudience) jwt = jwt.setAudience(config.jwtAudience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** The token of an HTTP request (Authorization: Bearer) or of graphql-ws connectionParams. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}

export function tokenFromConnectionParams(params: Record<string, unknown>): string | null {
  if (typeof params.authorization === 'string') return bearerToken(params.authorization);
  if (typeof params.Authorization === 'string') return bearerToken(params.Authorization);
  return typeof params.token === 'string' && params.token !== '' ? params.token : null;
}
