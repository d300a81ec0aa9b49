import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

/** A write that can be held open, to see what arrives meanwhile. */
function heldWrites<T>() {
  const calls: T[][] = [];
  const releases: (() => void)[] = [];
  const write = async (items: T[]) => {
    calls.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((item) => `done ${String(item)}`);
  };
  return { calls, releaseNext: () => releases.shift()?.(), write };
}

const missing = (item: unknown) => new Error(`${String(item)} not written`);

describe('a group commit', () => {
  it('writes the first item alone and everything that arrives meanwhile together in the next write', async () => {
    const { calls, releaseNext, write } = heldWrites<number>();
    const commit = new GroupCommit(write, { maxBatch: 10, missing });
    const first = commit.submit(1);
    const later = [2, 3, 4].map((item) => commit.submit(item));
    expect(calls).toEqual([[1]]);
    releaseNext();
    expect(await first).toBe('done 1');
    await Promise.resolve();
    expect(calls).toEqual([[1], [2, 3, 4]]);
    releaseNext();
    expect(await Promise.all(later)).toEqual(['done 2', 'done 3', 'done 4']);
  });

  it('never puts more than maxBatch items in one write', async () => {
    const written: number[][] = [];
    const commit = new GroupCommit(
      async (items: number[]) => {
        written.push(items);
        return items;
      },
      { maxBatch: 2, missing },
    );
    expect(await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)))).toEqual([1, 2, 3, 4, 5]);
    expect(written.every((items) => items.length <= 2)).toBe(true);
    expect(written.flat()).toEqual([1, 2, 3, 4, 5]);
  });

  it('runs up to maxInFlight writes at once', async () => {
    const { calls, releaseNext, write } = heldWrites<number>();
    const commit = new GroupCommit(write, { maxBatch: 10, maxInFlight: 2, missing });
    const results = [commit.submit(1), commit.submit(2), commit.submit(3)];
    expect(calls).toEqual([[1], [2]]);
    releaseNext();
    releaseNext();
    await Promise.resolve();
    await Promise.resolve();
    releaseNext();
    expect(await Promise.all(results)).toEqual(['done 1', 'done 2', 'done 3']);
  });

  it('fails every item of a failed write, and writes the next group as usual', async () => {
    let fail = true;
    const commit = new GroupCommit(
      async (items: string[]) => {
        if (fail) {
          fail = false;
          throw new Error('database away');
        }
        return items;
      },
      { maxBatch: 10, missing },
    );
    await expect(commit.submit('a')).rejects.toThrow('database away');
    expect(await commit.submit('b')).toBe('b');
  });

  it('fails the caller whose item the write could not account for, and no one else', async () => {
    const commit = new GroupCommit(async (items: string[]) => items.map((item) => (item === 'lost' ? undefined : item)), { maxBatch: 10, missing });
    const [kept, lost] = await Promise.allSettled([commit.submit('kept'), commit.submit('lost')]);
    expect(kept).toEqual({ status: 'fulfilled', value: 'kept' });
    expect(lost).toMatchObject({ status: 'rejected', reason: new Error('lost not written') });
  });

  it('with gatherArrivals, writes what arrived in the same turn of the event loop together, the first item included', async () => {
    const { calls, releaseNext, write } = heldWrites<number>();
    const commit = new GroupCommit(write, { maxBatch: 10, maxInFlight: 2, gatherArrivals: true, missing });
    const first = [1, 2, 3].map((item) => commit.submit(item));
    expect(calls).toEqual([]);
    // I/O that is ready now is read before the write starts: an item submitted from an I/O callback joins it.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2, 3]]);
    const later = [commit.submit(4), commit.submit(5)];
    await new Promise<void>((resolve) => setImmediate(resolve));
    // A second write may run beside the first (maxInFlight 2); what comes while both run waits for one to end.
    expect(calls).toEqual([[1, 2, 3], [4, 5]]);
    const last = commit.submit(6);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(2);
    releaseNext();
    expect(await Promise.all(first)).toEqual(['done 1', 'done 2', 'done 3']);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2, 3], [4, 5], [6]]);
    releaseNext();
    releaseNext();
    expect(await Promise.all([...later, last])).toEqual(['done 4', 'done 5', 'done 6']);
  });

  it('with gatherArrivals, an item on its own is written after one turn of the event loop', async () => {
    const commit = new GroupCommit(async (items: string[]) => items, { maxBatch: 10, gatherArrivals: true, missing });
    expect(await commit.submit('alone')).toBe('alone');
  });

  it('with hold, cuts a group only once its write holds what it needs: what arrives while it waits goes in it', async () => {
    // One connection, as PGlite's one session: a write waits for the one before it to give it back.
    const written: Array<{ items: number[]; on: string }> = [];
    let free: (() => void) | undefined;
    let connectionTaken = false;
    const queue: (() => void)[] = [];
    const hold = async <X,>(use: (held: string) => Promise<X>): Promise<X> => {
      if (connectionTaken) await new Promise<void>((resolve) => queue.push(resolve));
      connectionTaken = true;
      try {
        return await use('the connection');
      } finally {
        const next = queue.shift();
        if (next) next();
        else connectionTaken = false;
      }
    };
    const commit = new GroupCommit(
      async (items: number[], on: string) => {
        written.push({ items, on });
        await new Promise<void>((resolve) => (free = resolve));
        return items;
      },
      { maxBatch: 10, maxInFlight: 2, hold, missing },
    );
    const results = [commit.submit(1)];
    await Promise.resolve();
    // The second write starts at once (maxInFlight 2) but waits for the connection, its group not yet cut.
    results.push(commit.submit(2));
    await Promise.resolve();
    results.push(commit.submit(3), commit.submit(4));
    expect(written).toEqual([{ items: [1], on: 'the connection' }]);
    free?.();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(written).toEqual([
      { items: [1], on: 'the connection' },
      { items: [2, 3, 4], on: 'the connection' },
    ]);
    free?.();
    expect(await Promise.all(results)).toEqual([1, 2, 3, 4]);
  });

  it('with hold, fails those waiting when nothing can be held, and writes the next group as usual', async () => {
    let away = true;
    const commit = new GroupCommit(async (items: string[]) => items, {
      maxBatch: 10,
      hold: async (use) => {
        if (away) {
          away = false;
          throw new Error('no connection');
        }
        return use(undefined);
      },
      missing,
    });
    await expect(commit.submit('a')).rejects.toThrow('no connection');
    expect(await commit.submit('b')).toBe('b');
  });
});
