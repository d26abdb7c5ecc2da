import { composeServices as apolloCompose } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices as guildCompose } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from '../../schema/global-id.ts';
import { schema } from '../../schema/index.ts';
import { mintDevelopmentToken } from '../../server/auth.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { NOTES_SDL } from '../support/notes-subgraph.ts';
import { createVectorSource } from '../support/vectors.ts';

const akoshaSdl = () => printSubgraphSchema(schema);
const services = () => [
  { name: 'akosha', typeDefs: parse(akoshaSdl()), url: 'http://akosha.test/graphql' },
  { name: 'notes', typeDefs: parse(NOTES_SDL), url: 'http://notes.test/graphql' },
];
const count = (sdl: string, directive: string) => sdl.split(`@${directive}(`).length - 1;

describe('Akosha as an Apollo Federation v2 subgraph', () => {
  it('composes with a subgraph that extends System and Memory, with both composers, keeping auth and cost rules', () => {
    const guild = guildCompose(services());
    expect(guild.errors ?? []).toEqual([]);
    const apollo = apolloCompose(services());
    expect(apollo.errors ?? []).toEqual([]);
    for (const supergraph of [guild.supergraphSdl ?? '', apollo.supergraphSdl ?? '']) {
      expect(count(supergraph, 'requiresScopes')).toBeGreaterThan(20);
      expect(count(supergraph, 'cost')).toBeGreaterThan(5);
      expect(count(supergraph, 'listSize')).toBeGreaterThan(2);
      expect(supergraph).toMatch(/type Memory[^{]*@join__type\(graph: NOTES, key: "systemId clientId"\)/);
      expect(supergraph).toMatch(/type System[^{]*@join__type\(graph: AKOSHA, key: "id"\)/);
    }
    const sdl = akoshaSdl().replace(/\s+/g, ' ');
    expect(sdl).toMatch(/type System @key\(fields: "id"\) \{/);
    expect(sdl).toMatch(
      /type Memory implements Node @key\(fields: "id"\) @key\(fields: "systemId clientId"\) \{/,
    );
    expect(sdl).toMatch(/type MigrationJob @key\(fields: "id"\) \{/);
  });

  describe('_service and _entities', () => {
    let app: Awaited<ReturnType<typeof startTestApp>>;
    const source = createVectorSource(41);
    let jobId = '';
    beforeAll(async () => {
      app = await startTestApp({ AKOSHA_JOB_TOKEN: 'job-token-for-the-federation-test-0123456789' });
      const m = (systemId: string, content: string) => ({
        id: 'same-1',
        systemId,
        kind: 'CONVERSATION',
        content,
        embedding: source.next(),
        timestamp: '2026-11-20T10:00:00Z',
      });
      await app.gql(INGEST, { input: [m('laptop-a', 'laptop copy'), m('devbox-01', 'devbox copy')] });
      const job = await app.gql(
        'mutation { startMigration(input: { move: HOT_TO_WARM, dryRun: true }) { id } }',
      );
      jobId = job.data.startMigration.id;
    });
    afterAll(async () => {
      await app.akosha.close();
      app.dir.remove();
    });

    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
      __typename
      ... on Memory { id clientId systemId content }
      ... on System { systemId: id memoryCount }
      ... on MigrationJob { id status }
    } }`;

    it('_service returns the subgraph SDL to a token holder, nothing without one', async () => {
      const r = await app.gql('{ _service { sdl } }');
      expect(r.data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
      expect(r.data._service.sdl).toContain('@key(fields: "systemId clientId")');
      const anonymous = await app.gql('{ _service { sdl } }', {}, null);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data?._service ?? null).toBeNull();
    });

    it('resolves each entity by each key, under the caller’s permissions and systems', async () => {
      const r = await app.gql(ENTITIES, {
        r: [
          { __typename: 'Memory', systemId: 'devbox-01', clientId: 'same-1' },
          { __typename: 'Memory', id: globalId('Memory', 'laptop-a', 'same-1') },
          { __typename: 'Memory', systemId: 'devbox-01', clientId: 'absent' },
          { __typename: 'System', id: 'laptop-a' },
          { __typename: 'MigrationJob', id: jobId },
        ],
      });
      expect(r.errors).toBeUndefined();
      expect(r.data._entities).toEqual([
        {
          __typename: 'Memory',
          id: globalId('Memory', 'devbox-01', 'same-1'),
          clientId: 'same-1',
          systemId: 'devbox-01',
          content: 'devbox copy',
        },
        {
          __typename: 'Memory',
          id: globalId('Memory', 'laptop-a', 'same-1'),
          clientId: 'same-1',
          systemId: 'laptop-a',
          content: 'laptop copy',
        },
        null,
        { __typename: 'System', systemId: 'laptop-a', memoryCount: 1 },
        { __typename: 'MigrationJob', id: jobId, status: expect.any(String) },
      ]);
      // A token limited to laptop-* sees devbox's memory as absent.
      const laptopOnly = await mintDevelopmentToken(app.config, {
        sub: 'laptop-reader',
        roles: ['viewer'],
        systems: ['laptop-*'],
        ttlSeconds: 60,
      });
      const limited = await app.gql(
        ENTITIES,
        { r: [{ __typename: 'Memory', systemId: 'devbox-01', clientId: 'same-1' }] },
        laptopOnly,
      );
      expect(limited.data._entities).toEqual([null]);
      // The job token may read jobs, not memories: FORBIDDEN for that entity only.
      const job = await app.gql(
        ENTITIES,
        {
          r: [
            { __typename: 'Memory', systemId: 'laptop-a', clientId: 'same-1' },
            { __typename: 'MigrationJob', id: jobId },
          ],
        },
        'job-token-for-the-federation-test-0123456789',
      );
      expect(job.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(job.data._entities[1]).toMatchObject({ id: jobId });
      const anonymous = await app.gql(ENTITIES, { r: [{ __typename: 'System', id: 'laptop-a' }] }, null);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
