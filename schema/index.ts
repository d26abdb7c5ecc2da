import {
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  DirectiveLocation as L,
} from 'graphql';
import type { Context } from '../server/context.ts';
import { refusal } from './auth.ts';
import { builder } from './builder.ts';
import './scalars.ts';
import './memory.ts';
import './search.ts';
import './system.ts';
import './audit.ts';
import './events.ts';
import './migration.ts';
import './snapshots.ts';
import './backup.ts';
import './federation.ts';

// Definitions of the federation directives the fields carry (auth and cost), so the printed SDL
// is valid on its own and a gateway reads the same rules the server enforces.
const Scope = new GraphQLScalarType({
  name: 'federation__Scope',
  description: 'A permission, e.g. query:search.',
});
const nonNullList = (t: GraphQLScalarType) => new GraphQLList(new GraphQLNonNull(t));
// The link and key directives' own types, so the printed client SDL (schema.graphql) builds alone.
const LinkImport = new GraphQLScalarType({
  name: 'link__Import',
  description: 'A directive or type imported by @link.',
});
const FieldSet = new GraphQLScalarType({
  name: 'federation__FieldSet',
  description: 'Fields of an entity key.',
});
const LinkPurpose = new GraphQLEnumType({
  name: 'link__Purpose',
  values: { SECURITY: { description: 'Security rules.' }, EXECUTION: { description: 'Execution rules.' } },
});
const where = [L.FIELD_DEFINITION, L.OBJECT, L.INTERFACE, L.SCALAR, L.ENUM];
const directives = [
  new GraphQLDirective({
    name: 'link',
    isRepeatable: true,
    locations: [L.SCHEMA],
    args: {
      url: { type: new GraphQLNonNull(GraphQLString) },
      as: { type: GraphQLString },
      import: { type: new GraphQLList(LinkImport) },
      for: { type: LinkPurpose },
    },
  }),
  new GraphQLDirective({
    name: 'key',
    isRepeatable: true,
    locations: [L.OBJECT, L.INTERFACE],
    args: {
      fields: { type: new GraphQLNonNull(FieldSet) },
      resolvable: { type: GraphQLBoolean, defaultValue: true },
    },
  }),
  new GraphQLDirective({
    name: 'requiresScopes',
    locations: where,
    args: { scopes: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(nonNullList(Scope)))) } },
  }),
  new GraphQLDirective({
    name: 'cost',
    locations: [
      L.ARGUMENT_DEFINITION,
      L.ENUM,
      L.FIELD_DEFINITION,
      L.INPUT_FIELD_DEFINITION,
      L.OBJECT,
      L.SCALAR,
    ],
    args: { weight: { type: new GraphQLNonNull(GraphQLInt) } },
  }),
  new GraphQLDirective({
    name: 'listSize',
    locations: [L.FIELD_DEFINITION],
    args: {
      assumedSize: { type: GraphQLInt },
      slicingArguments: { type: nonNullList(GraphQLString) },
      sizedFields: { type: nonNullList(GraphQLString) },
      requireOneSlicingArgument: { type: GraphQLBoolean, defaultValue: true },
    },
  }),
];

/** The federation spec version whose directives the subgraph imports (@cost and @listSize: 2.9). */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.9';

const built = builder.toSubGraphSchema({
  sortSchema: true,
  linkUrl: FEDERATION_LINK,
  federationDirectives: ['@key', '@requiresScopes', '@cost', '@listSize'],
});
const config = built.toConfig();
export const schema = new GraphQLSchema({
  ...config,
  types: [...config.types, Scope, LinkImport, FieldSet, LinkPurpose],
  directives: [...config.directives, ...directives],
});

// `_service` and `_entities` come from the federation library, outside Pothos' auth: the same
// rule as every other field, a valid token (each entity's reference then checks its permission
// and the token's systems, schema/federation.ts).
for (const name of ['_service', '_entities'] as const) {
  const field = schema.getQueryType()?.getFields()[name];
  const resolve = field?.resolve;
  if (!field || !resolve) throw new Error(`the subgraph schema has no Query.${name}`);
  field.resolve = (root, args, ctx: Context, info) => {
    if (!ctx.auth.principal) throw refusal(ctx.auth, `Query.${name}`);
    return resolve(root, args, ctx, info);
  };
}
