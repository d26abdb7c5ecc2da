import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { schema } from './index.ts';

// What codegen.ts generates from the schema: the SDL, and the client preset's settings for typed
// documents. Shared with the test that checks a strictScalars consumer.

/** Where the typed documents of the project's own operations go. */
export const OPERATIONS = 'schema/operations/';

/** How each custom scalar looks on the wire; with strictScalars an unmapped scalar fails generation. */
export const SCALARS = {
  Vector: { input: 'number[] | string', output: 'number[]' },
  DateTime: { input: 'string', output: 'string' },
  JSONObject: { input: 'Record<string, unknown>', output: 'Record<string, unknown>' },
  Upload: { input: 'File', output: 'never' },
  federation__Scope: { input: 'string', output: 'string' },
  // The federation subgraph's own: entity representations and the link spec's import list.
  _Any: { input: 'Record<string, unknown>', output: 'Record<string, unknown>' },
  link__Import: { input: 'unknown', output: 'unknown' },
  federation__FieldSet: { input: 'string', output: 'string' },
};

export function printSdl(): string {
  // Directives are printed from the AST nodes Pothos builds; its extensions copy would print twice.
  return `${printSchemaWithDirectives(schema, { pathToDirectivesInExtensions: ['astNodeOnly'] })}\n`;
}

/** The client preset's settings for this project: erasable TypeScript only, imports with .ts. */
export function clientConfig(documents: string[], output: string = OPERATIONS): CodegenConfig {
  return {
    schema: printSdl(),
    documents,
    silent: true,
    generates: {
      [output]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
        config: {
          documentMode: 'string',
          enumsAsTypes: true,
          useTypeImports: true,
          importExtension: '.ts',
          strictScalars: true,
          scalars: SCALARS,
        },
      },
    },
  };
}
