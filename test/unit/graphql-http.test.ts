import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../server/app.ts';
import { startHttpApp } from '../support/app.ts';

// The GraphQL over HTTP spec's audits (graphql-http): every MUST and every SHOULD passes.

describe('GraphQL over HTTP (graphql-http audits)', () => {
  let app: Awaited<ReturnType<typeof startHttpApp>>;
  let http: Listening;
  beforeAll(async () => {
    app = await startHttpApp();
    http = app.http;
  });
  afterAll(() => app.close());

  it('passes every MUST and SHOULD audit', async () => {
    const audits = serverAudits({ url: http.url });
    const failed: string[] = [];
    let musts = 0;
    for (const audit of audits) {
      const result = await audit.fn();
      if (audit.name.startsWith('MUST')) musts++;
      if (!audit.name.startsWith('MAY') && result.status !== 'ok')
        failed.push(`${audit.name}: ${result.reason}`);
    }
    expect(musts).toBeGreaterThan(10);
    expect(failed).toEqual([]);
  });
});
