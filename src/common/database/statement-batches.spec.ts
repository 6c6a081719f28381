import { setImmediate as nextTurn } from 'node:timers/promises';
import { statementBatches } from './statement-batches';

/** A batch runner whose batches end when the test says so. */
function heldRunner() {
  const batches: string[][] = [];
  const ends: (() => void)[] = [];
  const run = (batch: readonly string[]) => {
    batches.push([...batch]);
    return new Promise<string[]>((resolve) => ends.push(() => resolve(batch.map((call) => call.toUpperCase()))));
  };
  return { run, batches, endNext: () => ends.shift()!() };
}

describe('statement batches', () => {
  it('runs the calls of one event-loop turn as one batch, each getting its own answer', async () => {
    const held = heldRunner();
    const batches = statementBatches(held.run, { maxInFlight: 2, maxBatchSize: 10 });
    const answers = Promise.all(['a', 'b', 'c'].map((call) => batches.load(call)));
    await nextTurn();
    expect(held.batches).toEqual([['a', 'b', 'c']]);
    held.endNext();
    await expect(answers).resolves.toEqual(['A', 'B', 'C']);
  });

  it('sends a lone call on its own without waiting for company', async () => {
    const held = heldRunner();
    const batches = statementBatches(held.run, { maxInFlight: 1, maxBatchSize: 10 });
    const answer = batches.load('a');
    await nextTurn();
    expect(held.batches).toEqual([['a']]);
    held.endNext();
    await expect(answer).resolves.toBe('A');
  });

  it('holds the calls that arrive while the batches in flight run, and sends them together after', async () => {
    const held = heldRunner();
    const batches = statementBatches(held.run, { maxInFlight: 1, maxBatchSize: 10 });
    const first = batches.load('a');
    await nextTurn();
    const later = [batches.load('b')];
    await nextTurn();
    later.push(batches.load('c'));
    await nextTurn();
    expect(held.batches).toEqual([['a']]);
    held.endNext();
    await first;
    await nextTurn();
    expect(held.batches).toEqual([['a'], ['b', 'c']]);
    held.endNext();
    await expect(Promise.all(later)).resolves.toEqual(['B', 'C']);
  });

  it('splits a batch at its maximum size', async () => {
    const held = heldRunner();
    const batches = statementBatches(held.run, { maxInFlight: 2, maxBatchSize: 2 });
    const answers = Promise.all(['a', 'b', 'c'].map((call) => batches.load(call)));
    await nextTurn();
    expect(held.batches).toEqual([['a', 'b'], ['c']]);
    held.endNext();
    held.endNext();
    await expect(answers).resolves.toEqual(['A', 'B', 'C']);
  });

  it('fails the calls of a failed batch and frees its place for the next', async () => {
    let calls = 0;
    const batches = statementBatches(
      async (batch: readonly string[]) => {
        if (calls++ === 0) throw new Error('connection lost');
        return batch.map((call) => call.toUpperCase());
      },
      { maxInFlight: 1, maxBatchSize: 10 },
    );
    await expect(Promise.all([batches.load('a'), batches.load('b')])).rejects.toThrow('connection lost');
    await expect(batches.load('c')).resolves.toBe('C');
  });
});
