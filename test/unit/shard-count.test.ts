import { describe, expect, it } from 'vitest';
import { INGEST, startTestApp } from '../support/app.ts';
import { createVectorSource } from '../support/vectors.ts';

// A shard caches its row count (every search asks it). A count read while a write ran must not be
// kept: a search would skip the shard as empty. At start-up the key filters count every shard
// while the first writes arrive, so a fresh process ingesting and searching at once showed it (a
// third of runs answered the search with no hit before the fix).

describe('a shard’s cached row count', () => {
  it('is never a count read across a write: a search right after the first ingest finds it', async () => {
    const source = createVectorSource(1);
    const input = Array.from({ length: 300 }, (_, i) => ({
      id: `m-${i}`,
      systemId: ['alpha', 'beta', 'gamma', 'delta', 'epsilon'][i % 5] as string,
      kind: 'CONVERSATION',
      content: `memory ${i}`,
      embedding: source.next(),
      timestamp: '2026-11-01T00:00:00Z',
      metadata: {},
    }));
    const target = input[123] as (typeof input)[number];
    for (let run = 0; run < 8; run++) {
      const app = await startTestApp();
      try {
        expect((await app.gql(INGEST, { input })).data.ingestMemories.accepted).toBe(300);
        const found = await app.gql(
          `query CountRace($v: Vector) { search(nearVector: $v, limit: 1, tiers: [HOT]) { hits { clientId } } }`,
          { v: target.embedding },
        );
        expect(found.data.search.hits).toEqual([{ clientId: 'm-123' }]);
      } finally {
        await app.akosha.close();
        app.dir.remove();
      }
    }
  });
});
