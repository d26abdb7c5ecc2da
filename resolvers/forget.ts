import type { ShardPort } from '../storage/port.ts';
import type { Job } from '../storage/types.ts';
import { badInput } from './errors.ts';
import { checkWritable, type Scope } from './scope.ts';
import { CONTROL_CHARACTERS, checkSystemIds, hasControlCharacters } from './validation.ts';

export type ForgetInput = {
  systemIds: readonly string[];
  ids?: readonly string[] | null;
  from?: Date | null;
  to?: Date | null;
  projects?: readonly string[] | null;
  tags?: readonly string[] | null;
};

const list = (xs: readonly string[] | null | undefined) => (xs?.length ? [...new Set(xs)] : null);

/**
 * Forgets the memories of the given systems that match every given filter, in every tier, as a
 * job of the migration ledger (progress, resume after a crash). At least one system is required;
 * a token may only forget systems in its scope. Re-sending a forgotten memory stores it anew.
 */
export function forgetMemories(
  deps: { stores: Pick<ShardPort, 'migrations'> },
  input: ForgetInput,
  scope: Scope,
  requestedBy: string,
): Promise<Job> {
  if (input.systemIds.length === 0) throw badInput('forgetMemories needs at least one system');
  checkSystemIds(input.systemIds);
  checkWritable(scope, input.systemIds);
  if (input.ids?.some((id) => id === '' || hasControlCharacters(id)))
    throw badInput(`ids must be non-empty, without ${CONTROL_CHARACTERS}`);
  if (input.from && input.to && input.from > input.to) throw badInput('from is after to');
  return deps.stores.migrations.forget({
    systemIds: [...new Set(input.systemIds)],
    ids: list(input.ids),
    from: input.from?.toISOString() ?? null,
    to: input.to?.toISOString() ?? null,
    projects: list(input.projects),
    tags: list(input.tags),
    requestedBy,
  });
}
