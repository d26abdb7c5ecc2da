// The layering rules of the house (README, "Layout"): server → schema → resolvers → storage,
// monitoring beside them. `npm run depcheck` fails on any violation.
const GRAPHQL =
  'node_modules/(graphql|graphql-yoga|graphql-ws|@graphql-yoga|@graphql-tools|@pothos|@envelop|@escape\\.tech)/';

module.exports = {
  forbidden: [
    {
      name: 'storage-imports-upward',
      comment: 'storage/ is the bottom layer: it knows nothing of use cases, the schema or the server.',
      severity: 'error',
      from: { path: '^storage/' },
      to: { path: '^(resolvers|schema|server)/' },
    },
    {
      name: 'resolvers-import-upward',
      comment: 'Use cases do not know the schema or the server.',
      severity: 'error',
      from: { path: '^resolvers/' },
      to: { path: '^(schema|server)/' },
    },
    {
      name: 'schema-imports-server-code',
      comment:
        'The schema may name the request context (server/context.ts, types only), nothing else of the server.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^server/', pathNot: '^server/context\\.ts$' },
    },
    {
      name: 'monitoring-imports-upward',
      severity: 'error',
      from: { path: '^monitoring/' },
      to: { path: '^(resolvers|schema|server|storage)/' },
    },
    {
      name: 'graphql-below-the-schema',
      comment: 'Use cases and storage are plain TypeScript: no GraphQL package.',
      severity: 'error',
      from: { path: '^(resolvers|storage)/' },
      to: { path: GRAPHQL },
    },
    {
      name: 'client-stands-alone',
      comment: 'client/ is what users import: only the generated operations, never the server or storage.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(resolvers|server|storage|monitoring|deploy)/|^schema/(?!operations/)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^(schema|server|resolvers|storage|monitoring|client)/' },
      to: { circular: true },
    },
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6'],
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
