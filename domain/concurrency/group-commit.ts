type Results<R> = readonly (R | undefined)[];

/**
 * A group commit: callers submit one item each and wait for its result; while a write is running, the items that
 * arrive meanwhile wait and go together in the next write. One item waits for no one; a thousand share a few writes.
 * `write` gets the items in the order they were submitted and returns each one's result at the same index, or
 * `undefined` for an item it could not account for (that caller gets `missing(item)`). A failed write fails every
 * item in it, and the next group is written as usual.
 */
export class GroupCommit<T, R, H = undefined> {
  private readonly waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private gathering = false;

  constructor(
    private readonly write: (items: T[], held: H) => Promise<Results<R>>,
    private readonly options: {
      maxBatch: number;
      maxInFlight?: number;
      missing: (item: T) => Error;
      /**
       * Takes what a write needs and may have to wait for (a database connection), runs `use` with it and gives it
       * back. A group is cut only once it is held, so what arrives while a write waits for it goes in that write.
       * @defaultValue none: the group is cut when the write starts
       */
      hold?: (use: (held: H) => Promise<Results<R>>) => Promise<Results<R>>;
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
        let group: typeof this.waiting = [];
        const cut = () => (group = this.waiting.splice(0, this.options.maxBatch)).map((waiting) => waiting.item);
        let results: Results<R>;
        try {
          results = this.options.hold
            ? await this.options.hold((held) => {
                const items = cut();
                // Another write in flight took everything while this one waited.
                return items.length > 0 ? this.write(items, held) : Promise.resolve([]);
              })
            : await this.write(cut(), undefined as H);
        } catch (error) {
          // Failed before the group was cut (nothing could be held): those waiting fail with it.
          if (group.length === 0) cut();
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
