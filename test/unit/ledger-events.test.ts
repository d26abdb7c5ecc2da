import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationLedger } from '../../storage/migration/ledger.ts';
import type { JobParams } from '../../storage/types.ts';

// A job's progress events take their counts, rate and ETA from the job as the ledger holds it,
// numbered in the statement that records them.

const PARAMS: JobParams = {
  move: 'HOT_TO_WARM',
  systemIds: null,
  dryRun: false,
  hotCutoff: '2026-11-01T00:00:00.000Z',
  warmCutoff: '2026-09-01T00:00:00.000Z',
};
const AT = new Date('2026-12-03T12:00:00.000Z');

describe('migration ledger events', () => {
  let instance: DuckDBInstance;
  let ledger: MigrationLedger;

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    const setup = await instance.connect();
    await setup.run(`ATTACH ':memory:' AS meta`);
    setup.closeSync();
    ledger = await MigrationLedger.open(instance);
  });
  afterAll(async () => {
    await ledger.close();
    instance.closeSync();
  });

  const facts = (jobId: string, state: 'RUNNING' | 'DONE' = 'RUNNING') => ({
    jobId,
    at: AT,
    phase: 'COPY' as const,
    state,
    bytesDone: 4096,
    errors: state === 'DONE' ? [] : ['one shard slow'],
  });

  it("records the job's counts with the rate and ETA since the job's start, numbered 1, 2, 3", async () => {
    await ledger.createJob('j1', PARAMS, AT);
    await ledger.updateJob('j1', { recordsTotal: 1000, addDone: 100 }, AT);
    // Started with 100 done; 400 more in 2 s: 200 a second, 500 left, 2.5 s to go.
    await ledger.updateJob('j1', { addDone: 400 }, AT);
    const first = await ledger.recordEvent(facts('j1'), { done: 100, seconds: 2 });
    expect(first).toEqual({
      jobId: 'j1',
      seq: 1,
      at: AT,
      phase: 'COPY',
      state: 'RUNNING',
      recordsDone: 500,
      recordsTotal: 1000,
      bytesDone: 4096,
      rate: 200,
      etaSeconds: 2.5,
      errors: ['one shard slow'],
    });
    // Nothing done since: no rate, no ETA.
    const second = await ledger.recordEvent(facts('j1'), { done: 500, seconds: 1 });
    expect(second).toMatchObject({ seq: 2, rate: 0, etaSeconds: null });
    await ledger.updateJob('j1', { addDone: 500, status: 'DONE' }, AT);
    const last = await ledger.recordEvent(facts('j1', 'DONE'), { done: 100, seconds: 0 });
    expect(last).toMatchObject({ seq: 3, state: 'DONE', recordsDone: 1000, etaSeconds: 0, errors: [] });
    expect(last?.rate).toBeCloseTo(900 / 0.001);
    expect(await ledger.events('j1', 0)).toEqual([first, second, last]);
  });

  it('numbers each job on its own, records nothing for a job not in the ledger', async () => {
    await ledger.createJob('j2', PARAMS, AT);
    expect(await ledger.recordEvent(facts('j2'), { done: 0, seconds: 1 })).toMatchObject({ seq: 1 });
    expect(await ledger.recordEvent(facts('nope'), { done: 0, seconds: 1 })).toBeNull();
    expect(await ledger.events('nope', 0)).toEqual([]);
  });

  it('tells the event it would record without recording it; a shared seq is kept as given', async () => {
    await ledger.createJob('j3', PARAMS, AT);
    await ledger.updateJob('j3', { recordsTotal: 10, addDone: 4 }, AT);
    const own = await ledger.eventNow(facts('j3'), { done: 0, seconds: 2 });
    expect(own).toMatchObject({ jobId: 'j3', recordsDone: 4, recordsTotal: 10, rate: 2, etaSeconds: 3 });
    expect(own).not.toHaveProperty('seq');
    expect(await ledger.events('j3', 0)).toEqual([]);
    expect(await ledger.eventNow(facts('nope'), { done: 0, seconds: 1 })).toBeNull();
    if (!own) throw new Error('no event');
    await ledger.addEvent({ ...own, seq: 7 });
    expect(await ledger.events('j3', 0)).toEqual([{ ...own, seq: 7 }]);
    // The next event this store numbers follows the shared one.
    expect(await ledger.recordEvent(facts('j3'), { done: 0, seconds: 2 })).toMatchObject({ seq: 8 });
  });
});
