import {
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  DirectiveLocation as L,
} from 'graphql';
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

// Definitions of the federation directives the fields carry (auth and cost), so the printed SDL
// is valid on its own and a gateway reads the same rules the server enforces.
const Scope = new GraphQLScalarType({
  name: 'federation__Scope',
  description: 'A permission, e.g. query:search.',
});
const nonNullList = (t: GraphQLScalarType) => new GraphQLList(new GraphQLNonNull(t));
const where = [L.FIELD_DEFINITION, L.OBJECT, L.INTERFACE, L.SCALAR, L.ENUM];
const directives = [
  new GraphQLDirective({ name: 'authenticated', locations: where }),
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

const built = builder.toSchema({ sortSchema: true });
const config = built.toConfig();
export const schema = new GraphQLSchema({
  ...config,
  types: [...config.types, Scope],
  directives: [...config.directives, ...directives],
});
