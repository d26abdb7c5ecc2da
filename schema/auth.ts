import type { Permission } from '../resolvers/principal.ts';

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
