import { readFileSync, writeFileSync } from 'node:fs';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { schema } from './schema/index.ts';

// Writes schema.graphql (with the auth and cost directives) from the code-first schema.
// `--check` fails (exit 1) when the committed file is stale; `npm run check` runs it that way.
const target = new URL('./schema.graphql', import.meta.url);
// Directives are printed from the AST nodes Pothos builds; its extensions copy would print twice.
const sdl = `${printSchemaWithDirectives(schema, { pathToDirectivesInExtensions: ['astNodeOnly'] })}\n`;

if (process.argv.includes('--check')) {
  const current = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  if (current !== sdl) {
    process.stderr.write('schema.graphql is stale: run `npm run codegen` and commit it\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
