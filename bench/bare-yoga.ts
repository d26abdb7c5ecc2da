// The baseline of the GraphQL overhead row: a bare graphql-yoga server answering the same
// trivial query shape, without auth, limits, metrics or audit.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Health { status: String! } type Query { health: Health! }',
    resolvers: { Query: { health: () => ({ status: 'ok' }) } },
  }),
  logging: false,
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object')
    process.stderr.write(`"msg":"akosha listening","url":"http://127.0.0.1:${address.port}/graphql"\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
