/**
 * A short-lived cache of page data read live, for the pages whose reading costs more than a
 * visitor should wait (the cycle page folds every compliance fact of the cycle). A fresh entry
 * is served as is; a stale one is served while one reading in the background replaces it; a
 * missing one is read. What is served carries its own stamp (the position it reflects), so a page
 * never claims to be newer than it is: it is at most `ttlMs` behind the read models.
 */
export class PageCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  private readonly reading = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly limit = 200,
  ) {}

  async get(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && Date.now() - entry.at < this.ttlMs) return entry.value;
    const refresh = this.refresh(key, read);
    if (entry) {
      refresh.catch(() => undefined); // the next visitor retries; this one gets the last good page
      return entry.value;
    }
    return refresh;
  }

  private refresh(key: string, read: () => Promise<T>): Promise<T> {
    let running = this.reading.get(key);
    if (!running) {
      running = read()
        .then((value) => {
          if (!this.entries.has(key) && this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
          this.entries.set(key, { value, at: Date.now() });
          return value;
        })
        .finally(() => this.reading.delete(key));
      this.reading.set(key, running);
    }
    return running;
  }
}
