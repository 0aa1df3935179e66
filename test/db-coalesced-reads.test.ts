// Concurrent lookups by key share one statement, but none is answered from a read sent before it asked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CoalescedReads } from '../src/db/coalesced-reads.js';

/** A fake table whose reads are recorded and answered when the test lets them. */
function table(rows: Map<number, string>) {
  const reads: number[][] = [];
  const pending: (() => void)[] = [];
  const reader = new CoalescedReads<number, string>(async (keys) => {
    reads.push([...keys]);
    const snapshot = new Map([...rows].filter(([k]) => keys.includes(k)));
    await new Promise<void>((resolve) => pending.push(resolve));
    if (keys.includes(-1)) throw new Error('read failed');
    return snapshot;
  }, 3);
  const release = () => pending.splice(0).forEach((go) => go());
  return { reader, reads, release };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced reads', () => {
  test('keys asked for in one turn of the event loop go in one read; each caller gets its own key’s row, or undefined', async () => {
    const { reader, reads, release } = table(
      new Map([
        [1, 'one'],
        [2, 'two'],
      ]),
    );
    const answers = Promise.all([reader.read(1), reader.read(2), reader.read(1), reader.read(9)]);
    await tick();
    release();
    assert.deepEqual(await answers, ['one', 'two', 'one', undefined]);
    assert.deepEqual(reads, [[1, 2, 9]]);
  });

  test('a caller that asks while a read is on its way gets a read of its own, sent after it asked', async () => {
    const rows = new Map([[1, 'before']]);
    const { reader, reads, release } = table(rows);
    const first = reader.read(1);
    await tick();
    // The first read's snapshot is taken; the row changes; a later caller must see the change.
    rows.set(1, 'after');
    const second = reader.read(1);
    await tick();
    release();
    assert.equal(await first, 'before');
    assert.equal(await second, 'after');
    assert.deepEqual(reads, [[1], [1]]);
  });

  test('more keys than one read may carry are split; a failed read fails its own callers only', async () => {
    const { reader, reads, release } = table(
      new Map([
        [1, 'one'],
        [2, 'two'],
        [3, 'three'],
        [4, 'four'],
      ]),
    );
    const ok = Promise.all([reader.read(1), reader.read(2), reader.read(3)]);
    const failing = Promise.allSettled([reader.read(4), reader.read(-1)]);
    await tick();
    release();
    assert.deepEqual(await ok, ['one', 'two', 'three']);
    const settled = await failing;
    assert.deepEqual(
      settled.map((s) => s.status),
      ['rejected', 'rejected'],
    );
    assert.deepEqual(reads, [
      [1, 2, 3],
      [4, -1],
    ]);
  });
});
