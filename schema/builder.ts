import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Permission } from '../resolvers/principal.ts';
import type { Context } from '../server/context.ts';
import { refusal } from './auth.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  AuthScopes: { public: boolean; authenticated: boolean; permission: Permission };
  FederationScopes: Permission;
  Scalars: {
    Vector: { Input: Float32Array; Output: ArrayLike<number> };
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: unknown; Output: Record<string, unknown> };
    Upload: { Input: File; Output: never };
  };
}>({
  plugins: [ScopeAuthPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      public: true,
      authenticated: ctx.auth.principal !== null,
      permission: (p: Permission) => ctx.auth.principal?.permissions.has(p) ?? false,
    }),
    unauthorizedError: (_parent, ctx, info) => refusal(ctx.auth, `${info.parentType.name}.${info.fieldName}`),
  },
});

builder.queryType({ description: 'Reads: search, memories, systems and health.' });
builder.mutationType({ description: 'Writes: ingestion.' });
