import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Listening, listen } from '../../server/app.ts';
import { INGEST, startTestApp } from '../support/app.ts';
import { agedMemories, NOW, START } from '../support/tiers.ts';

const SHOTS = new URL('../../test-output/', import.meta.url);

describe('the migration dashboard in headless Chromium', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let http: Listening;
  beforeAll(async () => {
    // Pauses long enough that the job still runs when the page's next refresh (every 2 s) finds
    // it: hot → warm runs four steps at a time (every shard this job moves at once), so the job
    // is between 0 and done for about one pause.
    app = await startTestApp({ AKOSHA_MIGRATION_STEP_PAUSE_MS: '3000', AKOSHA_SHARDS: '8' }, undefined, {
      clock: () => NOW,
    });
    http = await listen(app.akosha, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await http.stop();
    await app.akosha.close();
    app.dir.remove();
  });

  it('shows a running job advancing, then its outcome', async () => {
    const executablePath = execSync('command -v chromium', { encoding: 'utf8', shell: '/bin/sh' }).trim();
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      await page.goto(http.url.replace('/graphql', '/dashboard/migrations'));
      await page.fill('#token', await app.token('viewer'));
      await page.click('#connect');
      await page.waitForSelector('text=Connected.');

      await app.gql(INGEST, { input: agedMemories(40, 8) });
      const id = (await app.gql(START, {})).data.startMigration.id as string;
      const bar = page.locator(`tr[data-job="${id}"] progress`);
      await bar.waitFor();
      const readValue = () => bar.evaluate((b) => (b as HTMLProgressElement).value);
      await page.waitForFunction(
        (sel) => {
          const b = document.querySelector(sel) as HTMLProgressElement | null;
          return b !== null && b.value > 0 && b.value < b.max;
        },
        `tr[data-job="${id}"] progress`,
        { timeout: 20_000 },
      );
      const first = await readValue();
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({
        path: new URL('dashboard-migrations-running.png', SHOTS).pathname,
        fullPage: true,
      });
      await page.waitForFunction(
        ([sel, v]) =>
          ((document.querySelector(sel as string) as HTMLProgressElement | null)?.value ?? 0) > (v as number),
        [`tr[data-job="${id}"] progress`, first] as const,
        { timeout: 20_000 },
      );
      const second = await readValue();
      expect(second).toBeGreaterThan(first);
      expect(await page.locator(`tr[data-job="${id}"] .state`).textContent()).toMatch(/RUNNING/);
      expect(await page.locator(`tr[data-job="${id}"] .rate`).textContent()).toMatch(/\/s$/);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({
        path: new URL('dashboard-migrations-running.png', SHOTS).pathname,
        fullPage: true,
      });

      await page.locator(`tr[data-job="${id}"] .state.DONE`).waitFor({ timeout: 30_000 });
      expect(await page.locator(`tr[data-job="${id}"] .pct`).textContent()).toMatch(/^100%/);
      expect(await readValue()).toBeGreaterThan(second - 1);
      await page.screenshot({
        path: new URL('dashboard-migrations-done.png', SHOTS).pathname,
        fullPage: true,
      });
    } finally {
      await browser.close();
    }
  });
});
