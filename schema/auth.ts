import type { Permission } from '../resolvers/principal.ts';

// The one declaration of a field's access rule. Each helper returns both the scope-auth rule
// that is enforced at run time and the federation directive (@authenticated or
// @requiresScopes) that is printed in the SDL, so the two cannot drift apart.

export function requires(permission: Permission) {
  return { authScopes: { permission }, requiresScopes: [[permission]] };
}

export function authenticated() {
  return { authScopes: { authenticated: true }, authenticated: true };
}

/** Public fields are an explicit allow-list; test/unit/auth-schema.test.ts fails on any other field without a rule. */
export const PUBLIC_FIELDS = new Set(['Query.health']);

export function publicField() {
  return { authScopes: { public: true } };
}
