/**
 * The bulk writers under way in this process (a bulk intake). While one runs, the log follower
 * gives way: after each round it waits twice as long as the round took (at least
 * `FollowerOptions.giveWayTo.leastMs`), so the writer has most of the CPU and its answer comes sooner. The
 * views go on following, in larger pages and later, and catch up at full speed once it ends.
 */
export class BulkWriters {
  private running = 0;
  private ended: { promise: Promise<void>; resolve: () => void } | null = null;

  get active(): boolean {
    return this.running > 0;
  }

  /** Resolves when no bulk writer runs. */
  none(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    if (!this.ended) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.ended = { promise, resolve };
    }
    return this.ended.promise;
  }

  async during<T>(write: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await write();
    } finally {
      if (--this.running === 0 && this.ended) {
        this.ended.resolve();
        this.ended = null;
      }
    }
  }
}
