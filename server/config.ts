import type { z } from 'zod';
import { concerns } from './settings.ts';

// The only reader of process.env. The models of server/settings.ts read each concern's AKOSHA_*
// variables; the types come from them. Every problem is reported at once, naming the variable;
// an unknown AKOSHA_* variable is an error (a misspelling would otherwise be ignored).

const KNOWN = new Set(Object.values(concerns).flatMap((m) => Object.keys(m.in.shape)));

type Out<K extends keyof typeof concerns> = z.output<(typeof concerns)[K]>;

export type Config = Out<'server'> &
  Out<'auth'> &
  Out<'ageClient'> &
  Out<'sources'> & {
    storage: Out<'storage'>;
    limits: Out<'limits'>;
    requestLimits: Out<'requestLimits'>;
    s3: Out<'s3'>['cold'];
    s3Connection: Out<'s3'>['connection'];
    aging: Out<'aging'>;
    backup: Out<'backup'>;
    cache: Out<'cache'>;
    ann: Out<'ann'>;
    cluster: Cluster;
  };

/** The scale-out settings after the role's checks: a store always knows its ordinal. */
export type Cluster = Omit<Out<'cluster'>, 'ordinal'> & { ordinal: number };

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** The closest known name, for a likely misspelling (at most 3 edits away). */
function closest(name: string): string | null {
  let best: { name: string; d: number } | null = null;
  for (const known of KNOWN) {
    const d = editDistance(name, known);
    if (d <= 3 && (!best || d < best.d)) best = { name: known, d };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Reads the AKOSHA_* variables; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('AKOSHA_') && v !== undefined && v !== ''),
  );
  const problems: string[] = [];
  for (const name of Object.keys(present)) {
    if (KNOWN.has(name)) continue;
    const hint = closest(name);
    problems.push(`${name}: unknown setting${hint ? ` (did you mean ${hint}?)` : ''}`);
  }
  const parse = <K extends keyof typeof concerns>(key: K): Out<K> | undefined => {
    const parsed = concerns[key].safeParse(present);
    if (parsed.success) return parsed.data as Out<K>;
    for (const i of parsed.error.issues) {
      const name = String(i.path[0] ?? '?');
      problems.push(`${name}=${JSON.stringify(present[name])}: ${i.message}`);
    }
    return undefined;
  };
  const parts = {
    server: parse('server'),
    storage: parse('storage'),
    limits: parse('limits'),
    requestLimits: parse('requestLimits'),
    s3: parse('s3'),
    aging: parse('aging'),
    ann: parse('ann'),
    sources: parse('sources'),
    auth: parse('auth'),
    ageClient: parse('ageClient'),
    backup: parse('backup'),
    cache: parse('cache'),
    cluster: parse('cluster'),
  };
  const p = parts;
  const cluster =
    p.server && p.cluster && p.cache ? checkRole(p.server.role, p.cluster, p.cache, env, problems) : null;
  if (p.server?.role === 'api' && p.auth && !p.auth.jwtSecret && !p.auth.jwksUrl && !p.auth.jwksFile)
    problems.push(
      'AKOSHA_JWT_SECRET or AKOSHA_JWKS_URL: api pods must verify tokens alike (a generated development secret is per pod)',
    );
  if (
    problems.length > 0 ||
    !p.server ||
    !p.storage ||
    !p.limits ||
    !p.requestLimits ||
    !p.s3 ||
    !p.aging ||
    !p.ann ||
    !p.sources ||
    !p.auth ||
    !p.ageClient ||
    !p.backup ||
    !p.cache ||
    !cluster
  ) {
    throw new ConfigError(problems);
  }
  return {
    ...p.server,
    ...p.auth,
    ...p.ageClient,
    ...p.sources,
    storage: p.storage,
    limits: p.limits,
    requestLimits: p.requestLimits,
    s3: p.s3.cold,
    s3Connection: p.s3.connection,
    aging: p.aging,
    backup: p.backup,
    cache: p.cache,
    ann: p.ann,
    cluster,
  };
}

/**
 * What each role needs beyond its defaults. A store takes its ordinal from AKOSHA_STORE_ORDINAL
 * or from the StatefulSet pod name's suffix (HOSTNAME akosha-store-2 → 2); api and store pods
 * share state through Redis and speak to each other with the service token.
 */
function checkRole(
  role: Out<'server'>['role'],
  c: Out<'cluster'>,
  cache: Out<'cache'>,
  env: Record<string, string | undefined>,
  problems: string[],
): Cluster {
  const suffix = /-(\d+)$/.exec(env.HOSTNAME ?? '')?.[1];
  const ordinal = c.ordinal ?? (role === 'store' && suffix !== undefined ? Number(suffix) : 0);
  const scaleOut = role === 'api' || role === 'store';
  if (scaleOut && !c.serviceToken)
    problems.push(
      `AKOSHA_SERVICE_TOKEN: the ${role} role needs the service token shared by api and store pods`,
    );
  if (scaleOut && !cache.redis)
    problems.push(
      `AKOSHA_REDIS_HOST: the ${role} role keeps its shared state (cache, events, budgets) in Redis`,
    );
  if (role === 'store') {
    if (c.ordinal === undefined && suffix === undefined)
      problems.push(
        'AKOSHA_STORE_ORDINAL: unset, and HOSTNAME has no -<number> suffix to take it from (a StatefulSet pod name)',
      );
    else if (ordinal >= c.replicas)
      problems.push(`AKOSHA_STORE_ORDINAL=${ordinal}: must be below AKOSHA_STORE_REPLICAS (${c.replicas})`);
  }
  if (role === 'api' && c.storeUrls.length === 0)
    problems.push('AKOSHA_STORE_URLS: the api role needs the store URLs, in ordinal order');
  // An api learns the replica count from its URLs.
  return { ...c, ordinal, replicas: role === 'api' ? Math.max(c.storeUrls.length, 1) : c.replicas };
}
