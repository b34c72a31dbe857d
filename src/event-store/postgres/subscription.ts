import type { RecordedEvent, Subscription } from '../event-store.port.js';
import { compareLogPositions, MAX_BIGINT, type LogPosition } from './position.js';

export interface GlobalPage {
  events: RecordedEvent[];
  /** Position of the last event of the page, null when empty. */
  last: LogPosition | null;
  /** xmin of the read's snapshot: every transaction below it has finished. */
  horizon: bigint;
}

export type PageReader = (after: LogPosition | null, limit: number) => Promise<GlobalPage>;

export interface SubscriptionTiming {
  /** Fallback poll while idle, for appends announced by nobody (a lost NOTIFY, a dead LISTEN). */
  pollIntervalMs: number;
  /** Longest pause while waiting for an older transaction to let an announced append show. */
  maxBackoffMs: number;
}

const TRANSIENT_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** Errors a follower should wait out (the server restarting, a dropped connection) rather than end on. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_CODES.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}

/**
 * Follows the global log: reads pages after its cursor until caught up, then waits to be woken (an
 * append in this process, a NOTIFY from another) or for the fallback poll. A wake-up carries the
 * appended position; while the read's horizon is not past it (an older transaction still runs),
 * it polls again with a short backoff. Single use: iterating it twice gives the same iterator.
 */
export class PostgresSubscription implements Subscription {
  private closed = false;
  private cursor: LogPosition | null;
  /** Highest transaction id we were told appended something that we have not yet seen pass. */
  private target: bigint | null = null;
  private woken = false;
  private interrupt: (() => void) | null = null;
  private inflight: Promise<unknown> = Promise.resolve();
  private iterator: AsyncGenerator<RecordedEvent> | null = null;

  constructor(
    private readonly readPage: PageReader,
    after: LogPosition | null,
    private readonly batchSize: number,
    private readonly timing: SubscriptionTiming,
    private readonly onClose: (s: PostgresSubscription) => Promise<void>,
  ) {
    this.cursor = after;
  }

  /** `position` null: something may have happened, look again. */
  wake(position: LogPosition | null): void {
    if (position && (this.target === null || position.xid > this.target)) this.target = position.xid;
    this.woken = true;
    this.interrupt?.();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.interrupt?.();
    await this.inflight.catch(() => undefined);
    await this.onClose(this);
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      yield* this.follow();
    } finally {
      // A consumer that breaks out of its loop (or an error) closes the subscription too.
      await this.close();
    }
  }

  private async *follow(): AsyncGenerator<RecordedEvent> {
    let backoff = 0;
    let errorBackoff = 0;
    while (!this.closed) {
      this.woken = false;
      let page: GlobalPage;
      try {
        const read = this.readPage(this.cursor, this.batchSize);
        this.inflight = read;
        page = await read;
        errorBackoff = 0;
      } catch (error) {
        if (this.closed) return;
        if (!isTransient(error)) throw error;
        errorBackoff = Math.min(errorBackoff ? errorBackoff * 2 : 100, 5_000);
        await this.sleep(errorBackoff, false);
        continue;
      }
      for (const event of page.events) {
        if (this.closed) return;
        yield event;
      }
      if (page.last) this.cursor = page.last;
      if (page.events.length === this.batchSize) continue;

      // Caught up with everything final: skip the scan past events our filters left out.
      const horizon: LogPosition = { xid: page.horizon - 1n, globalPosition: MAX_BIGINT };
      if (!this.cursor || compareLogPositions(horizon, this.cursor) > 0) this.cursor = horizon;

      if (this.target !== null && this.target >= page.horizon) {
        // Announced but still hidden behind an older running transaction.
        backoff = page.events.length > 0 ? 1 : Math.min(backoff ? backoff * 2 : 1, this.timing.maxBackoffMs);
        await this.sleep(backoff, false);
      } else {
        this.target = null;
        backoff = 0;
        if (!this.woken) await this.sleep(this.timing.pollIntervalMs, true);
      }
    }
  }

  /** Ends early on close(), and on a wake-up when `wakeable`. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = wakeable ? done : () => this.closed && done();
    });
  }
}
