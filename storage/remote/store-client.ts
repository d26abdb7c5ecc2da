import { ColdTierError, ShardTimeoutError, StoreUnavailableError } from '../port.ts';
import { fromWire, toWire } from './wire.ts';

// One store's internal GraphQL endpoint, as an api pod calls it: POST /internal/graphql with the
// service token, variables and answers in the Wire encoding. Node's fetch keeps connections alive
// between calls. A store that cannot be reached, answers late (AKOSHA_STORE_TIMEOUT) or answers
// something that is not a GraphQL response is StoreUnavailableError naming its shards; a field
// error is mapped back to the port's error by its code. A query (never a mutation) whose
// connection failed before any answer is sent once more, on a new connection: a kept-alive one
// can be closed by the store (restarting, or idle) just as it is reused.

type GraphQLErrorBody = { message: string; path?: (string | number)[]; extensions?: { code?: string } };
type Body = { data?: Record<string, unknown> | null; errors?: GraphQLErrorBody[] };

export type StoreClient = {
  readonly ordinal: number;
  readonly url: string;
  /** Names of the shards this store holds (hot-1, warm-1, …), for errors. */
  readonly shardNames: string[];
  /** The data of one operation; a field error rejects unless `partial` lets the caller read them. */
  call(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The data and the field errors (for batched fields whose items fail one by one). */
  callPartial(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Body & { data: Record<string, unknown> }>;
};

export function createStoreClient(o: {
  ordinal: number;
  url: string;
  token: string;
  timeoutMs: number;
  shardNames: string[];
}): StoreClient {
  const endpoint = new URL('/internal/graphql', o.url).toString();
  const unavailable = (why: string) =>
    new StoreUnavailableError(`store ${o.ordinal} (${o.url}) ${why}`, o.shardNames);

  const post = async (query: string, variables: Record<string, unknown>): Promise<Body> => {
    const payload = JSON.stringify({ query, variables: toWire(variables) });
    const signal = AbortSignal.timeout(o.timeoutMs);
    const send = () =>
      fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
        body: payload,
        signal,
      });
    let res: Response;
    try {
      res = await send().catch((err: unknown) => {
        if (timedOut(err) || !READ.test(query)) throw err;
        return send();
      });
    } catch (err) {
      throw unavailable(
        timedOut(err) ? `did not answer within ${o.timeoutMs} ms` : `is unreachable: ${causeOf(err)}`,
      );
    }
    const text = await res.text().catch(() => '');
    let body: Body;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      throw unavailable(`answered HTTP ${res.status} without a GraphQL response`);
    }
    if (res.status === 401 || res.status === 403) throw unavailable('refused the service token');
    if (!body || typeof body !== 'object' || (!body.data && !body.errors?.length))
      throw unavailable(`answered HTTP ${res.status} without a GraphQL response`);
    return body;
  };

  const callPartial = async (query: string, variables: Record<string, unknown> = {}) => {
    const body = await post(query, variables);
    if (!body.data) throw portError(body.errors?.[0] ?? { message: 'no data' }, o.ordinal);
    return { data: fromWire<Record<string, unknown>>(body.data), errors: body.errors ?? [] };
  };

  return {
    ordinal: o.ordinal,
    url: o.url,
    shardNames: o.shardNames,
    callPartial,
    async call(query, variables = {}) {
      const body = await callPartial(query, variables);
      const first = body.errors[0];
      if (first) throw portError(first, o.ordinal);
      return body.data;
    },
  };
}

/** A field error of a store as the port's error. */
export function portError(e: GraphQLErrorBody, ordinal: number): Error {
  switch (e.extensions?.code) {
    case 'SHARD_TIMEOUT': {
      const err = new ShardTimeoutError('', 0);
      err.message = e.message;
      return err;
    }
    case 'COLD_UNAVAILABLE':
      return new ColdTierError(e.message);
    default:
      return new Error(`store ${ordinal}: ${e.message}`);
  }
}

/** A query operation (shorthand `{ … }` or `query …`): reading only, so safe to send twice. */
const READ = /^\s*(\{|query\b)/;

const timedOut = (err: unknown) => err instanceof Error && err.name === 'TimeoutError';

function causeOf(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
