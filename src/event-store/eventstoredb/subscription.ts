import type { AllStreamResolvedEvent, AllStreamSubscription, Position } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store.port.js';
import { comparePositions } from './mapping.js';

/** Opens a catch-up subscription to $all after a position (null: from the start). */
export type Subscribe = (after: Position | null) => AllStreamSubscription;

const TRANSIENT = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'unknown', 'cancelled']);
/** Events buffered before the server stream is paused (backpressure). */
const HIGH_WATER = 512;

/**
 * The port's Subscription over the client's subscribeToAll: the server catches up, then follows.
 * Events come through a queue so that close() ends a pending next() as done (a destroyed Node
 * stream would reject it instead). When the connection drops (a restart, a new leader), it
 * subscribes again after the last event it delivered, with backoff.
 */
export class EventStoreDBSubscription implements Subscription {
  private readonly queue: RecordedEvent[] = [];
  private waiting: (() => void) | null = null;
  private failure: unknown = null;
  private closed = false;
  private stream: AllStreamSubscription | null = null;
  private cursor: Position | null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private iterator: AsyncGenerator<RecordedEvent> | null = null;

  constructor(
    private readonly open: Subscribe,
    after: Position | null,
    /** The port's filters, and the conversion (null: not one of the record's events). */
    private readonly convert: (resolved: AllStreamResolvedEvent) => RecordedEvent | null,
    private readonly onClose: (s: EventStoreDBSubscription) => void,
  ) {
    this.cursor = after;
    this.connect();
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.wake();
    const stream = this.stream;
    this.stream = null;
    await stream?.unsubscribe().catch(() => undefined);
    this.onClose(this);
  }

  private connect(): void {
    this.retry = null;
    if (this.closed) return;
    const stream = this.open(this.cursor);
    this.stream = stream;
    stream.on('data', (resolved: AllStreamResolvedEvent) => {
      if (this.stream !== stream || !resolved.event) return;
      const position = resolved.event.position;
      // Positions at or before the cursor were delivered already (a re-subscription's overlap).
      if (this.cursor && comparePositions(position, this.cursor) <= 0) return;
      this.cursor = position;
      this.failures = 0;
      const event = this.convert(resolved);
      if (!event) return;
      this.queue.push(event);
      if (this.queue.length >= HIGH_WATER) stream.pause();
      this.wake();
    });
    stream.on('error', (error: unknown) => this.dropped(stream, error));
    stream.on('end', () => this.dropped(stream, null));
  }

  private dropped(stream: AllStreamSubscription, error: unknown): void {
    if (this.stream !== stream || this.closed) return;
    this.stream = null;
    const type = (error as { type?: string } | null)?.type;
    if (error && type && !TRANSIENT.has(type)) {
      this.failure = error;
      this.wake();
      return;
    }
    this.failures++;
    const delay = Math.min(100 * 2 ** Math.min(this.failures - 1, 6), 5_000);
    this.retry = setTimeout(() => this.connect(), delay);
    this.retry.unref();
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      while (!this.closed) {
        const next = this.queue.shift();
        if (next) {
          if (this.queue.length < HIGH_WATER / 2 && this.stream?.isPaused()) this.stream.resume();
          yield next;
          continue;
        }
        if (this.failure) throw this.failure;
        await new Promise<void>((resolve) => (this.waiting = resolve));
      }
    } finally {
      await this.close();
    }
  }
}
