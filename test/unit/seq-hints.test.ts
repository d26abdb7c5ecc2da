import { describe, expect, it } from 'vitest';
import { SeqHints } from '../../storage/hot/seq-hints.ts';

// Where recent index hits live (storage/hot/seq-hints.ts): bounded, newest wins, shard-exact.

const hit = (id: string, seq: number) => ({ systemId: 's', id, score: 1, seq });
const key = (id: string) => ({ systemId: 's', id });

describe('the seq hints of recent hits', () => {
  it('gives a remembered seq for its shard only, the latest one when a row moved', () => {
    const hints = new SeqHints(100);
    hints.remember('hot-1', [hit('a', 7), { systemId: 's', id: 'b', score: 1 }]);
    expect(hints.seqOf('hot-1', key('a'))).toBe(7);
    expect(hints.seqOf('warm-1', key('a'))).toBeUndefined();
    // A hit without a seq (an exact scan's) leaves no hint.
    expect(hints.seqOf('hot-1', key('b'))).toBeUndefined();
    hints.remember('warm-1', [hit('a', 3)]);
    expect(hints.seqOf('warm-1', key('a'))).toBe(3);
    expect(hints.seqOf('hot-1', key('a'))).toBeUndefined();
  });

  it('forgets the oldest hints beyond its bound and keeps the latest', () => {
    const hints = new SeqHints(100);
    hints.remember('hot-0', [hit('first', 1)]);
    hints.remember(
      'hot-0',
      Array.from({ length: 50 }, (_, i) => hit(`x${i}`, i + 10)),
    );
    expect(hints.seqOf('hot-0', key('first'))).toBe(1);
    // A moved row is found where it went, its earlier hint replaced.
    hints.remember('warm-0', [hit('x0', 99)]);
    expect(hints.seqOf('warm-0', key('x0'))).toBe(99);
    expect(hints.seqOf('hot-0', key('x0'))).toBeUndefined();
    hints.remember(
      'hot-0',
      Array.from({ length: 100 }, (_, i) => hit(`y${i}`, i + 200)),
    );
    expect(hints.seqOf('hot-0', key('first'))).toBeUndefined();
    expect(hints.seqOf('warm-0', key('x0'))).toBeUndefined();
    // The latest hints are held (at least the last 50); of the 152 given, at most 100 are.
    const ys = Array.from({ length: 100 }, (_, i) => hints.seqOf('hot-0', key(`y${i}`)));
    expect(ys.slice(50)).toEqual(Array.from({ length: 50 }, (_, i) => 250 + i));
    const xs = Array.from({ length: 50 }, (_, i) => hints.seqOf('hot-0', key(`x${i}`)));
    const held = [...ys, ...xs].filter((s) => s !== undefined);
    expect(held.length).toBeLessThanOrEqual(100);
  });
});
