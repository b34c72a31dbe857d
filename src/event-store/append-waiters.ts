/**
 * The callers of `waitForAppend` of one store: each is released by the next append the store hears
 * of (its own, or another process's announced to it), by its timeout, or by its abort signal.
 */
export class AppendWaiters {
  private readonly waiting = new Set<() => void>();

  get size(): number {
    return this.waiting.size;
  }

  /**
   * Waits until `wake()`, the timeout or the abort; `hasGrown` is asked once the waiter is
   * registered, so an append that lands between the caller's last read and this call is not missed.
   */
  async wait(timeoutMs: number, signal: AbortSignal | undefined, hasGrown: () => Promise<boolean>): Promise<void> {
    if (signal?.aborted) return;
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(() => release(), timeoutMs);
      release = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', release);
        this.waiting.delete(release);
        resolve();
      };
      this.waiting.add(release);
      signal?.addEventListener('abort', release, { once: true });
    });
    hasGrown().then(
      (grown) => grown && release(),
      () => release(),
    );
    await done;
  }

  wake(): void {
    for (const release of [...this.waiting]) release();
  }
}
