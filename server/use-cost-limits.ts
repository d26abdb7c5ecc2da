import type { ExecutionArgs } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { operationCost } from './cost.ts';
import type { CostBudget } from './cost-budget.ts';

/**
 * Refuses an operation whose cost exceeds `maxCost` (QUERY_TOO_COMPLEX) and charges the rest to
 * the caller's per-minute budget (RATE_LIMITED with a Retry-After when spent). Runs before
 * execution, so a refused operation runs no resolver. The cost is reported in extensions.cost.
 */
export function useCostLimits(opts: { maxCost: number; budget: CostBudget }): Plugin<Context> {
  const check = async (args: ExecutionArgs) => {
    const cost = operationCost(
      args.schema,
      args.document,
      args.operationName,
      (args.variableValues ?? {}) as Record<string, unknown>,
    );
    if (cost > opts.maxCost) {
      return createGraphQLError(
        `operation cost ${cost} exceeds the limit of ${opts.maxCost} (AKOSHA_MAX_COST)`,
        {
          extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: opts.maxCost, http: { status: 400 } },
        },
      );
    }
    const ctx = args.contextValue as Context;
    const who = ctx.auth.principal ? `sub:${ctx.auth.principal.sub}` : 'anonymous';
    const charge = await opts.budget.charge(who, cost);
    if (!charge.ok) {
      return createGraphQLError(`cost budget spent; retry in ${charge.retryAfterSeconds} s`, {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfter: charge.retryAfterSeconds,
          http: { status: 429, headers: { 'retry-after': String(charge.retryAfterSeconds) } },
        },
      });
    }
    return null;
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await check(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
