import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { FEDERATION_FIELDS, PUBLIC_FIELDS } from '../../schema/auth.ts';
import { schema } from '../../schema/index.ts';

type Rule = { permission?: string; authenticated?: boolean; public?: boolean };

function ruleOf(field: GraphQLField<unknown, unknown>, coord = ''): Rule | undefined {
  if (FEDERATION_FIELDS.has(coord)) return { authenticated: true };
  const options = (field.extensions as { pothosOptions?: { authScopes?: Rule } }).pothosOptions;
  return options?.authScopes;
}

const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
  (t): t is GraphQLObjectType => t != null,
);
// Fields of other types that expose raw data a role may not see.
const SENSITIVE = ['Memory.embedding'];

describe('field-level auth declarations', () => {
  it('every root field and every sensitive field declares a rule, unless it is on the public allow-list', () => {
    const missing: string[] = [];
    const fields = [
      ...roots.flatMap((t) => Object.values(t.getFields()).map((f) => [`${t.name}.${f.name}`, f] as const)),
      ...SENSITIVE.map((coord) => {
        const [type = '', name = ''] = coord.split('.');
        const t = schema.getType(type);
        if (!isObjectType(t)) throw new Error(`${coord} is not an object field`);
        const f = t.getFields()[name];
        if (!f) throw new Error(`${coord} does not exist`);
        return [coord, f] as const;
      }),
    ];
    for (const [coord, field] of fields) {
      const rule = ruleOf(field, coord);
      if (!rule) missing.push(coord);
      else if (rule.public && !PUBLIC_FIELDS.has(coord))
        missing.push(`${coord} (public but not allow-listed)`);
    }
    expect(missing).toEqual([]);
    expect(fields.length).toBeGreaterThan(5);
  });

  it('the committed SDL prints exactly the rules the server enforces', () => {
    const sdl = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const compared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const printed = sdl.getType(type.name) as GraphQLObjectType;
      for (const field of Object.values(type.getFields())) {
        const rule = ruleOf(field);
        const directives = printed.getFields()[field.name]?.astNode?.directives ?? [];
        const find = (name: string): ConstDirectiveNode | undefined =>
          directives.find((d) => d.name.value === name);
        const scopes = find('requiresScopes');
        const printedScopes = scopes?.arguments?.[0]
          ? valueFromASTUntyped(scopes.arguments[0].value)
          : undefined;
        const coord = `${type.name}.${field.name}`;
        expect(printedScopes, coord).toEqual(rule?.permission ? [[rule.permission]] : undefined);
        expect(find('authenticated') !== undefined, coord).toBe(rule?.authenticated === true);
        if (rule) compared.push(coord);
      }
    }
    expect(compared).toContain('Query.search');
    expect(compared).toContain('Mutation.ingestMemories');
  });
});
