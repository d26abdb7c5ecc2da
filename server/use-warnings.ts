import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';

/**
 * Adds the errors resolvers reported next to their data (e.g. a tier that failed while the
 * others answered) to the result, so a partial answer always comes with an error naming what
 * is missing. They are masked like any other error (AkoshaError keeps its code).
 */
export function useWarnings(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      return {
        onExecuteDone({ result, setResult }) {
          if (ctx.warnings.length === 0 || Symbol.asyncIterator in result) return;
          const extra = ctx.warnings.map((w) => new GraphQLError(w.message, { originalError: w }));
          setResult({ ...result, errors: [...(result.errors ?? []), ...extra] });
        },
      };
    },
  };
}
