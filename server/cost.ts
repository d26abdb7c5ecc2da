import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

// Cost of an operation from the rules printed in the SDL (the federation @cost and @listSize
// directives, from the IBM cost specification): a field costs its @cost weight (default 1 for
// objects, 0 for scalars) plus its selection, times the size of the list it returns. A list's
// size is the value of its @listSize slicing argument, else @listSize assumedSize, else 10.
// The same number drives the per-operation limit and the per-principal budget.

const DEFAULT_LIST_SIZE = 10;

type Directive = { name: string; args?: Record<string, unknown> };

function directive(field: GraphQLField<unknown, unknown>, name: string): Record<string, unknown> | undefined {
  const directives = (field.extensions as { directives?: Directive[] | Record<string, unknown> })?.directives;
  if (!Array.isArray(directives)) return undefined;
  return directives.find((d) => d.name === name)?.args ?? undefined;
}

function argValue(node: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value as ValueNode, variables) : undefined;
}

type Walk = {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
};

function selectionCost(w: Walk, set: SelectionSetNode, typeName: string, sized: Map<string, number>): number {
  const type = w.schema.getType(typeName);
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += selectionCost(w, sel.selectionSet, sel.typeCondition?.name.value ?? typeName, sized);
    } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const frag = w.fragments.get(sel.name.value);
      if (frag) total += selectionCost(w, frag.selectionSet, frag.typeCondition.name.value, sized);
    } else if (isObjectType(type) && !sel.name.value.startsWith('__')) {
      const field = type.getFields()[sel.name.value];
      if (field) total += fieldCost(w, sel, field, sized.get(sel.name.value));
    }
  }
  return total;
}

function fieldCost(
  w: Walk,
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  sizeFromParent?: number,
): number {
  const named = getNamedType(field.type);
  const weight = Number(directive(field, 'cost')?.weight ?? (isCompositeType(named) ? 1 : 0));
  const listSize = directive(field, 'listSize');
  const slicing = (listSize?.slicingArguments as string[] | undefined) ?? [];
  // A size below zero would make the whole operation cheaper: sizes count from 0 (the resolvers
  // refuse a limit below 1 anyway).
  const sliced = slicing
    .map((a) => Number(argValue(node, a, w.variables)))
    .filter((n) => Number.isFinite(n))
    .map((n) => Math.max(0, n));
  const size = sliced.length > 0 ? Math.max(...sliced) : Number(listSize?.assumedSize ?? DEFAULT_LIST_SIZE);
  // With sizedFields, the size applies to those child lists instead of this field.
  const sizedFields = (listSize?.sizedFields as string[] | undefined) ?? [];
  const childSizes = new Map(sizedFields.map((f) => [f, size]));
  const children = node.selectionSet ? selectionCost(w, node.selectionSet, named.name, childSizes) : 0;
  const isList = isListType(getNullableType(field.type));
  const multiplier = isList ? (sizeFromParent ?? (sizedFields.length > 0 ? DEFAULT_LIST_SIZE : size)) : 1;
  return multiplier * (weight + children);
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!op) return 0;
  const root =
    op.operation === 'query'
      ? schema.getQueryType()
      : op.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  return selectionCost({ schema, fragments, variables }, op.selectionSet, root.name, new Map());
}
