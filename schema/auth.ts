import { AkoshaError } from '../resolvers/errors.ts';
import type { Permission } from '../resolvers/principal.ts';
import type { Auth } from '../server/context.ts';

// The one declaration of a field's access rule. `requires` returns both the scope-auth rule that
// is enforced at run time and the federation @requiresScopes directive printed in the SDL, so the
// two cannot drift apart.

export function requires(permission: Permission) {
  return { authScopes: { permission }, requiresScopes: [[permission]] };
}

/** Public fields are an explicit allow-list; test/unit/auth-schema.test.ts fails on any other field without a rule. */
export const PUBLIC_FIELDS = new Set(['Query.health']);

export function publicField() {
  return { authScopes: { public: true } };
}

/** The federation library's fields: a valid token, checked by the wrapper in schema/index.ts. */
export const FEDERATION_FIELDS = new Set(['Query._entities', 'Query._service']);

/** Why `what` (a field or an entity type) is refused: no valid token, or not allowed for it. */
export function refusal(auth: Pick<Auth, 'principal' | 'problem'>, what: string): AkoshaError {
  if (!auth.principal)
    return new AkoshaError(
      'UNAUTHENTICATED',
      `${what} needs a valid token: ${auth.problem ?? 'none was sent'}`,
    );
  return new AkoshaError('FORBIDDEN', `${what} is not allowed for ${auth.principal.sub}`);
}
