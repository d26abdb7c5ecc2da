import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';

/**
 * Ends a subscription with an UNAUTHENTICATED error when the token it was opened with expires,
 * whichever transport carries it (graphql-ws or SSE).
 */
export function useTokenExpiry(): Plugin<Context> {
  return {
    onSubscribe({ args }) {
      const expiresAt = (args.contextValue as Context).auth.expiresAt;
      if (expiresAt === null) return undefined;
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) return;
          setResult(untilExpiry(result, expiresAt));
        },
      };
    },
  };
}

async function* untilExpiry<T>(
  source: AsyncIterable<T>,
  expiresAt: number,
): AsyncGenerator<T | { errors: Error[] }> {
  const it = source[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, expiresAt - Date.now()));
  });
  try {
    while (true) {
      const next = await Promise.race([it.next(), expired]);
      if (next === 'expired') {
        yield {
          errors: [createGraphQLError('token expired', { extensions: { code: 'UNAUTHENTICATED' } })],
        };
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    await it.return?.();
  }
}
