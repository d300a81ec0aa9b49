/**
 * A group commit: callers submit one item each and wait for its result; while a write is running, the items that
 * arrive meanwhile wait and go together in the next write. One item waits for no one; a thousand share a few writes.
 * `write` gets the items in the order they were submitted and returns each one's result at the same index, or
 * `undefined` for an item it could not account for (that caller gets `missing(item)`). A failed write fails every
 * item in it, and the next group is written as usual.
 */
export class GroupCommit<T, R> {
  private readonly waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private gathering = false;

  constructor(
    private readonly write: (items: T[]) => Promise<readonly (R | undefined)[]>,
    private readonly options: {
      maxBatch: number;
      maxInFlight?: number;
      missing: (item: T) => Error;
      /**
       * Start a write only once the event loop has handled the I/O that is ready now (setImmediate), so that
       * requests arriving together go in one write instead of the first one or two alone while the rest wait for
       * them. An item on its own waits one turn of the loop.
       */
      gatherArrivals?: boolean;
    },
  ) {}

  /** Whether another write may start now (at most `maxInFlight`, one unless told). */
  private hasRoom(): boolean {
    return this.inFlight < (this.options.maxInFlight ?? 1);
  }

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.hasRoom()) return;
      if (!this.options.gatherArrivals) return void this.drain();
      if (this.gathering) return;
      this.gathering = true;
      setImmediate(() => {
        this.gathering = false;
        if (this.waiting.length > 0 && this.hasRoom()) void this.drain();
      });
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.options.maxBatch);
        let results: readonly (R | undefined)[];
        try {
          results = await this.write(group.map((waiting) => waiting.item));
        } catch (error) {
          for (const waiting of group) waiting.reject(error);
          continue;
        }
        group.forEach((waiting, index) => {
          const result = results[index];
          if (result === undefined) waiting.reject(this.options.missing(waiting.item));
          else waiting.resolve(result);
        });
      }
    } finally {
      this.inFlight--;
    }
  }
}
