/**
 * A short-lived cache of page data read live, for the pages whose reading costs more than a
 * visitor should wait. What it serves carries its own stamp (the position and the time of its
 * reading), so a page never claims to be newer than it is; and nothing older than `ttlMs` is ever
 * served. In the second half of its life an entry is still served while one reading in the
 * background replaces it; past `ttlMs` the visitor waits for a fresh reading.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  private readonly reading = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 200,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string, read: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return read();
    const entry = this.entries.get(key);
    const age = entry ? this.now() - entry.at : Infinity;
    if (entry && age < this.ttlMs / 2) return entry.value;
    if (entry && age < this.ttlMs) {
      this.refresh(key, read).catch(() => undefined); // the next visitor retries; this one gets the last good page
      return entry.value;
    }
    return this.refresh(key, read);
  }

  private refresh(key: string, read: () => Promise<T>): Promise<T> {
    let running = this.reading.get(key);
    if (!running) {
      // The age counts from the start of the reading: its snapshot is at least that old.
      const started = this.now();
      running = read()
        .then((value) => {
          this.entries.delete(key); // re-inserted last: the Map's order is then least recently read first
          if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, { value, at: started });
          return value;
        })
        .finally(() => this.reading.delete(key));
      this.reading.set(key, running);
    }
    return running;
  }
}
