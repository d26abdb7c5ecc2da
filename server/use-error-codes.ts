import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Logger } from '../monitoring/logger.ts';
import { AkoshaError } from '../resolvers/errors.ts';

// By name, not instanceof: a bundler or test runner may load graphql's ESM and CJS builds side by side.
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';

/** The stable code an error will carry once masked. */
export function errorCode(error: unknown): string {
  let cause: unknown = error;
  while (isGraphQLError(cause) && cause.originalError) {
    if (cause.extensions?.code) return String(cause.extensions.code);
    cause = cause.originalError;
  }
  if (cause instanceof AkoshaError) return cause.code;
  if (isGraphQLError(cause)) return String(cause.extensions?.code ?? 'BAD_USER_INPUT');
  return 'INTERNAL_SERVER_ERROR';
}

/**
 * The one place domain errors become GraphQL errors: AkoshaError keeps its message and gains
 * extensions.code and an HTTP status; GraphQL's own errors (parse, validation, coercion) pass;
 * anything else is logged and masked as "Unexpected error." with INTERNAL_SERVER_ERROR.
 */
export function createMaskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const graphqlError = isGraphQLError(error) ? error : undefined;
    let cause: unknown = error;
    while (isGraphQLError(cause) && cause.originalError) cause = cause.originalError;
    const location = graphqlError
      ? {
          nodes: graphqlError.nodes,
          source: graphqlError.source,
          positions: graphqlError.positions,
          path: graphqlError.path,
        }
      : {};
    if (cause instanceof AkoshaError) {
      return createGraphQLError(cause.message, {
        ...location,
        extensions: {
          code: cause.code,
          ...cause.details,
          ...(cause.httpStatus === 200
            ? {}
            : {
                http: {
                  status: cause.httpStatus,
                  ...(typeof cause.details?.retryAfterSeconds === 'number'
                    ? { headers: { 'retry-after': String(cause.details.retryAfterSeconds) } }
                    : {}),
                },
              }),
        },
      });
    }
    if (graphqlError && isGraphQLError(cause)) {
      // GraphQL's own complaint (coercion of a variable, a scalar's parse): the outer message is the useful one.
      return graphqlError.extensions.code
        ? graphqlError
        : createGraphQLError(graphqlError.message, {
            ...location,
            extensions: { ...graphqlError.extensions, code: 'BAD_USER_INPUT' },
          });
    }
    if (cause instanceof Error && cause.name === 'AbortError') {
      // The client went away mid-request: nothing to report to anyone.
      logger.debug('request aborted', { path: graphqlError?.path });
      return createGraphQLError('the request was cancelled', {
        ...location,
        extensions: { code: 'CANCELLED' },
      });
    }
    logger.error('unexpected error', {
      error: String(cause),
      stack: cause instanceof Error ? cause.stack : undefined,
      path: graphqlError?.path,
    });
    return createGraphQLError(message, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
