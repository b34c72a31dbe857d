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
   * Waits until `wake()` (true), the timeout or the abort (false); `hasGrown` is asked once the
   * waiter is registered, so an append that lands between the caller's last read and this call is
   * not missed.
   */
  async wait(timeoutMs: number, signal: AbortSignal | undefined, hasGrown: () => Promise<boolean>): Promise<boolean> {
    if (signal?.aborted) return false;
    let release!: (woken: boolean) => void;
    const wake = () => release(true);
    const giveUp = () => release(false);
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(giveUp, timeoutMs);
      release = (woken) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        this.waiting.delete(wake);
        resolve(woken);
      };
      this.waiting.add(wake);
      signal?.addEventListener('abort', giveUp, { once: true });
    });
    hasGrown().then(
      (grown) => grown && wake(),
      () => giveUp(),
    );
    return done;
  }

  wake(): void {
    for (const wake of [...this.waiting]) wake();
  }
}
