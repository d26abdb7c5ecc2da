import { type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../monitoring/logger.ts';
import type { AuditRepo } from '../storage/audit/audit-repo.ts';
import type { Context } from './context.ts';
import { errorCode } from './use-error-codes.ts';

const DENIED = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX']);

/** Numbers directly under each mutation's payload (accepted, duplicates...), and list lengths. */
function countsOf(data: Record<string, unknown> | null | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [field, payload] of Object.entries(data ?? {})) {
    if (!payload || typeof payload !== 'object') continue;
    for (const [k, v] of Object.entries(payload)) {
      if (typeof v === 'number') counts[`${field}.${k}`] = v;
      else if (Array.isArray(v)) counts[`${field}.${k}`] = v.length;
    }
  }
  return counts;
}

/** Records every mutation (principal, operation, fields, counts, outcome, time), refused ones included. */
export function useAudit(repo: Pick<AuditRepo, 'record'>, logger: Logger): Plugin<Context> {
  return {
    onExecute({ args }) {
      const op = getOperationAST(args.document, args.operationName);
      if (op?.operation !== 'mutation') return undefined;
      const ctx = args.contextValue as Context;
      const fields = op.selectionSet.selections.flatMap((s) => (s.kind === 'Field' ? [s.name.value] : []));
      return {
        onExecuteDone({ result }) {
          if (!('data' in result) && !('errors' in result)) return;
          const single = result as {
            data?: Record<string, unknown> | null;
            errors?: readonly GraphQLError[];
          };
          const codes = (single.errors ?? []).map(errorCode);
          const outcome = codes.length === 0 ? 'ok' : codes.some((c) => DENIED.has(c)) ? 'denied' : 'error';
          repo
            .record({
              at: new Date(),
              principal:
                ctx.auth.principal?.sub ?? `anonymous${ctx.auth.problem ? ` (${ctx.auth.problem})` : ''}`,
              operation: op.name?.value ?? '(anonymous)',
              fields,
              outcome,
              errorCodes: codes,
              counts: countsOf(single.data),
            })
            .catch((err: unknown) => logger.error('audit write failed', { error: String(err) }));
        },
      };
    },
  };
}
