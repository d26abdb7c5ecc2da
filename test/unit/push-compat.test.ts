import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../schema/operations/gql.ts';
import { startTestApp, tempDir } from '../support/app.ts';
import { type Fixture, makeFixture, queryFile } from '../support/fixtures.ts';
import { pushLikeSessionBuddy } from '../support/session-buddy-push.ts';

const TOKEN = 'push-token-0123456789abcdefghij';

describe("Session-Buddy's HTTP push, replayed against the compatibility endpoint", () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let fx: Fixture;
  const post = async (path: string, body: unknown, token = TOKEN) => {
    const res = await app.akosha.yoga.fetch(`http://akosha.test/push/${token}/mcp${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: '*/*' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    app = await startTestApp({
      AKOSHA_PUSH_TOKEN: TOKEN,
      AKOSHA_SYSTEM_TIME_ZONES: 'Les-MacBook-Pro_local=America/Los_Angeles',
    });
    fx = await makeFixture(join(dir.path, 'push'), { seed: 5, n: 150, kg: true, tz: 'America/Los_Angeles' });
  }, 60_000);
  afterAll(async () => {
    await app.akosha.close();
    app.dir.remove();
    dir.remove();
  });

  it('answers the availability probe and hides everything else', async () => {
    const probe = await app.akosha.yoga.fetch(`http://akosha.test/push/${TOKEN}/mcp/status`);
    expect(probe.status).toBe(200);
    expect(
      (
        await post(
          '/mcp/v1',
          { jsonrpc: '2.0', id: '1', method: 'tools/call', params: { name: 'nope' } },
          'x'.repeat(30),
        )
      ).status,
    ).toBe(404);
    const unknown = await post('/mcp/v1', {
      jsonrpc: '2.0',
      id: '1',
      method: 'tools/call',
      params: { name: 'drop_tables', arguments: {} },
    });
    expect(unknown.body.error).toMatchObject({ code: -32602 });
  });

  it('stores what the client sends and the client reads success back, for memories, reflections and the graph', async () => {
    const report = await pushLikeSessionBuddy(
      fx.reflection,
      fx.knowledgeGraph,
      'Les-MacBook-Pro.local',
      post,
    );
    const [truth] = await queryFile(
      fx.reflection,
      `SELECT (SELECT count(*)::INT FROM (SELECT * FROM conversations_v2 ORDER BY "timestamp" DESC LIMIT 1000) WHERE embedding IS NOT NULL) AS conv,
              (SELECT count(*)::INT FROM (SELECT * FROM reflections_v2 ORDER BY "timestamp" DESC LIMIT 500) WHERE embedding IS NOT NULL) AS refl,
              (SELECT count(*)::INT FROM (SELECT * FROM conversations_v2 ORDER BY "timestamp" DESC LIMIT 1000) WHERE embedding IS NULL) +
              (SELECT count(*)::INT FROM (SELECT * FROM reflections_v2 ORDER BY "timestamp" DESC LIMIT 500) WHERE embedding IS NULL) AS nulls`,
    );
    expect(report.conversations).toBe(truth?.conv);
    expect(report.reflections).toBe(truth?.refl);
    const [kg] = await queryFile(
      fx.knowledgeGraph,
      'SELECT (SELECT count(*)::INT FROM kg_entities) AS e, (SELECT count(*)::INT FROM kg_relationships) AS r',
    );
    expect(report.entities).toBe(kg?.e);
    expect(report.relations).toBe(kg?.r);
    expect(report.errors.filter((e) => /embedding is null/.test(String(e)))).toHaveLength(
      Number(truth?.nulls),
    );

    const systems = (
      await app.gql(graphql(`query PushCompatSystems3 { systems { id memoryCount embeddingModels } }`))
    ).data.systems;
    expect(systems).toEqual([
      {
        id: 'Les-MacBook-Pro_local',
        memoryCount: Number(truth?.conv) + Number(truth?.refl),
        embeddingModels: ['all-MiniLM-L6-v2'],
      },
    ]);
    const [row] = await queryFile(
      fx.reflection,
      `SELECT id, strftime("timestamp", '%Y-%m-%dT%H:%M:%S.%f') AS naive, project FROM conversations_v2 WHERE embedding IS NOT NULL AND project IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const m = await app.gql(
      graphql(
        `query PushCompatMemory($id: String!) { memory(systemId: "Les-MacBook-Pro_local", id: $id) { timestamp metadata } }`,
      ),
      { id: row?.id },
    );
    expect(m.data.memory.metadata).toMatchObject({
      source: 'Les-MacBook-Pro.local',
      project: row?.project,
      ingestion_method: 'http_push',
    });
    const offset =
      (new Date(`${String(row?.naive).slice(0, 23)}Z`).getTime() -
        new Date(m.data.memory.timestamp).getTime()) /
      3_600_000;
    expect([-7, -8]).toContain(offset);
    const [rel] = await queryFile(
      fx.knowledgeGraph,
      'SELECT from_entity FROM kg_relationships ORDER BY id LIMIT 1',
    );
    const rels = await app.gql(
      graphql(
        `query PushCompatRelations($id: String!) { relations(entityId: $id, systemId: "Les-MacBook-Pro_local") { fromEntity } }`,
      ),
      {
        id: rel?.from_entity,
      },
    );
    expect(rels.data.relations.length).toBeGreaterThan(0);
  });

  it('treats the next sync, which re-sends the same rows, as success that adds nothing', async () => {
    const before = (await app.gql(graphql(`query PushCompatSystems2 { systems { memoryCount } }`))).data
      .systems[0].memoryCount;
    const again = await pushLikeSessionBuddy(fx.reflection, null, 'Les-MacBook-Pro.local', post);
    expect(again.conversations + again.reflections).toBe(before);
    expect(
      (await app.gql(graphql(`query PushCompatSystems { systems { memoryCount } }`))).data.systems[0]
        .memoryCount,
    ).toBe(before);
    const audit = await app.gql(
      graphql(
        `query PushCompatAuditLog { auditLog(principal: "session-buddy-push", limit: 5) { operation outcome } }`,
      ),
    );
    expect(audit.data.auditLog[0]).toMatchObject({ outcome: 'ok' });
  });

  it('is off unless a push token is configured', async () => {
    const off = await startTestApp();
    try {
      const res = await off.akosha.yoga.fetch(`http://akosha.test/push/${TOKEN}/mcp/status`);
      expect(res.status).toBe(404);
    } finally {
      await off.akosha.close();
      off.dir.remove();
    }
  });
});
