import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

// A second subgraph, as another team would write it: notes about Akosha's systems and memories.
// It extends System (key id) and Memory (key systemId clientId) and returns references to both.

export const NOTES_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

type Query {
  notes(systemId: String!): [Note!]!
}

type Note {
  id: ID!
  text: String!
  system: System!
  memory: Memory
}

type System @key(fields: "id") {
  id: String!
  notes: [Note!]!
}

type Memory @key(fields: "systemId clientId") {
  systemId: String!
  clientId: String!
  notes: [Note!]!
}
`;

export type Note = { id: string; text: string; systemId: string; clientId: string | null };

export function notesSchema(notes: Note[]) {
  const asNote = (n: Note) => ({
    ...n,
    system: { id: n.systemId },
    memory: n.clientId ? { systemId: n.systemId, clientId: n.clientId } : null,
  });
  return buildSubgraphSchema({
    typeDefs: parse(NOTES_SDL),
    resolvers: {
      Query: {
        notes: (_: unknown, args: { systemId: string }) =>
          notes.filter((n) => n.systemId === args.systemId).map(asNote),
      },
      System: {
        notes: (s: { id: string }) => notes.filter((n) => n.systemId === s.id).map(asNote),
      },
      Memory: {
        notes: (m: { systemId: string; clientId: string }) =>
          notes.filter((n) => n.systemId === m.systemId && n.clientId === m.clientId).map(asNote),
      },
    } as never,
  });
}

/** The notes subgraph served on 127.0.0.1 (a free port). */
export async function startNotesSubgraph(notes: Note[]) {
  const yoga = createYoga({ schema: notesSchema(notes), graphqlEndpoint: '/graphql', landingPage: false });
  const server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
