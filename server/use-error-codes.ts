import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Logger } from '../monitoring/logger.ts';
import { AkoshaError } from '../resolvers/errors.ts';

// By name, not instanceof: a bundler or test runner may load graphql's ESM and CJS builds side by side.
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';

/**
 * The one place domain errors become GraphQL errors: AkoshaError keeps its message and gains
 * extensions.code and an HTTP status; GraphQL's own errors (parse, validation, coercion) pass;
 * anything else is logged and masked as "Unexpected error." with INTERNAL_SERVER_ERROR.
 */
export function createMaskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const graphqlError = isGraphQLError(error) ? error : undefined;
    const original = graphqlError?.originalError ?? error;
    const location = graphqlError
      ? {
          nodes: graphqlError.nodes,
          source: graphqlError.source,
          positions: graphqlError.positions,
          path: graphqlError.path,
        }
      : {};
    if (original instanceof AkoshaError) {
      return createGraphQLError(original.message, {
        ...location,
        extensions: { code: original.code, ...original.details, http: { status: original.httpStatus } },
      });
    }
    if (isGraphQLError(original) && !original.originalError) return original;
    logger.error('unexpected error', {
      error: String(original),
      stack: original instanceof Error ? original.stack : undefined,
      path: graphqlError?.path,
    });
    return createGraphQLError(message, { ...location, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
