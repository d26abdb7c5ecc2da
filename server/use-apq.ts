import { createHash } from 'node:crypto';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

/**
 * Automatic persisted queries as Apollo Client and urql send them: a request may carry only
 * `extensions.persistedQuery.sha256Hash`; an unknown hash is answered PERSISTED_QUERY_NOT_FOUND
 * (the client then sends the query with its hash once, and the hash alone again afterwards). A
 * query is kept only when its hash matches. The cache is per process: behind several api pods a
 * miss costs one resend, nothing else. (yoga's own APQ plugin pins an older @graphql-tools.)
 */
export function useApq(opts: { maxStoredBytes?: number; maxQueryBytes: number }): Plugin {
  // Bounded by bytes: anyone may register queries (a hash is not a credential), so at most this much.
  const store = new LRUCache<string, string>({
    maxSize: opts.maxStoredBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (query) => query.length + 64,
  });
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  return {
    onParams({ params, setParams }) {
      const persisted = (
        params.extensions as { persistedQuery?: { version?: number; sha256Hash?: unknown } } | undefined
      )?.persistedQuery;
      if (!persisted) return;
      const hash = persisted.sha256Hash;
      if (persisted.version !== 1 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash))
        throw createGraphQLError('persistedQuery needs version 1 and a sha256Hash of 64 hex digits', {
          extensions: { code: 'PERSISTED_QUERY_INVALID', http: { status: 400 } },
        });
      if (params.query) {
        if (params.query.length > opts.maxQueryBytes) return;
        if (sha256(params.query) !== hash)
          throw createGraphQLError('persistedQuery sha256Hash does not match the query', {
            extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH', http: { status: 400 } },
          });
        store.set(hash, params.query);
        return;
      }
      const query = store.get(hash);
      // Apollo's link retries on this exact message or code; 200, as its spec asks.
      if (!query)
        throw createGraphQLError('PersistedQueryNotFound', {
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 200 } },
        });
      setParams({ ...params, query });
    },
  };
}
