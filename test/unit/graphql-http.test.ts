import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../../server/app.ts';
import { startTestApp } from '../support/app.ts';

// The GraphQL over HTTP spec's audits (graphql-http): every MUST and every SHOULD passes.

describe('GraphQL over HTTP (graphql-http audits)', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let http: Listening;
  beforeAll(async () => {
    app = await startTestApp();
    http = await listen(app.akosha, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await http.stop();
    await app.akosha.close();
    app.dir.remove();
  });

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
