import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { DEPLOYMENT_DIRS, deploymentFiles } from './deploy/generate.ts';
import { clientConfig, OPERATIONS, printSdl } from './schema/client-codegen.ts';

// Writes schema.graphql (with the auth and cost directives) from the code-first schema, and,
// with GraphQL Code Generator's client preset, typed documents for every operation the project
// itself sends (graphql(`...`) in server/, test/ and bench/) into schema/operations/; and the
// deployment's generated files (deploy/generate.ts: dashboards, the chart's files, the plain
// Kubernetes manifests rendered from the chart).
// `--check` fails (exit 1) when anything committed is stale; `npm run check` runs it that way.

const root = dirname(new URL(import.meta.url).pathname);
async function expectedFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>([['schema.graphql', printSdl()]]);
  const documents = ['server/**/*.ts', 'client/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'].map((g) =>
    join(root, g),
  );
  const generated = await generate(clientConfig(documents, join(root, OPERATIONS)), false);
  for (const f of generated) {
    const name = f.filename.startsWith(root) ? f.filename.slice(root.length + 1) : f.filename;
    // Callers import gql.ts and graphql.ts themselves: no re-exporting index.
    if (name !== `${OPERATIONS}index.ts`) files.set(name, f.content);
  }
  for (const [name, text] of deploymentFiles()) files.set(name, text);
  return files;
}

const expected = await expectedFiles();
/** Files now in the generated folders (any not expected is stale and removed). */
const existing = [OPERATIONS, ...DEPLOYMENT_DIRS].flatMap((dir) => {
  mkdirSync(join(root, dir), { recursive: true });
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(root.length + 1));
});
const read = (name: string) => {
  try {
    return readFileSync(join(root, name), 'utf8');
  } catch {
    return null;
  }
};

if (process.argv.includes('--check')) {
  const stale = [...expected].filter(([name, text]) => read(name) !== text).map(([name]) => name);
  const extra = existing.filter((name) => !expected.has(name));
  if (stale.length + extra.length > 0) {
    process.stderr.write(
      `stale generated files (${[...stale, ...extra].join(', ')}): run \`npm run codegen\` and commit them\n`,
    );
    process.exit(1);
  }
} else {
  for (const name of existing) if (!expected.has(name)) rmSync(join(root, name));
  for (const [name, text] of expected) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  process.stdout.write(`wrote ${[...expected.keys()].join(', ')}\n`);
}
