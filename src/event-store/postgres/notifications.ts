import pg from 'pg';
import { CHANNEL } from './sql.js';

/**
 * Tells other processes that something was appended, at most once per interval: NOTIFY inside the
 * append transaction would take PostgreSQL's global notify lock at every commit and serialise
 * concurrent appends, so this runs afterwards, in a transaction of its own, fire-and-forget.
 */
export class ThrottledNotifier {
  private pending: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastSent = 0;
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly intervalMs: number,
  ) {}

  /** `position` must be the newest one this process appended so far (or later). */
  appended(position: string): void {
    this.pending = position;
    if (this.timer) return;
    const wait = this.lastSent + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.flush();
    } else {
      this.timer = setTimeout(() => this.flush(), wait);
      this.timer.unref();
    }
  }

  private flush(): void {
    this.timer = null;
    const payload = this.pending;
    this.pending = null;
    if (payload === null) return;
    this.lastSent = Date.now();
    // A lost notification only delays other processes until their next poll.
    const sent = this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).then(
      () => undefined,
      () => undefined,
    );
    this.inflight.add(sent);
    void sent.finally(() => this.inflight.delete(sent));
  }

  /** Sends what is pending and waits for every notification in flight. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    await Promise.all([...this.inflight]);
  }
}

/**
 * One LISTEN connection shared by a store's subscriptions, held while at least one is open. When
 * it dies it reconnects with backoff; subscriptions keep polling meanwhile, and are woken after a
 * reconnect to catch up with whatever was announced while it was down.
 */
export class NotificationListener {
  private client: pg.Client | null = null;
  private users = 0;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private connected: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: pg.ClientConfig,
    /** Called with the payload of a notification, or null after (re)connecting. */
    private readonly onWake: (payload: string | null) => void,
  ) {}

  acquire(): void {
    if (this.users++ === 0) this.connect();
  }

  async release(): Promise<void> {
    if (--this.users > 0) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    if (!client) return;
    await this.connected;
    await client.end().catch(() => undefined);
  }

  private connect(): void {
    this.retry = null;
    const client = new pg.Client({ ...this.config, application_name: 'consultation-record-listen' });
    this.client = client;
    client.on('notification', (message) => this.onWake(message.payload ?? null));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.connected = client
      .connect()
      .then(() => client.query(`LISTEN ${CHANNEL}`))
      .then(
        () => {
          this.failures = 0;
          this.onWake(null);
        },
        () => this.lost(client),
      );
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.failures++;
    client.end().catch(() => undefined);
    if (this.users === 0) return;
    const delay = Math.min(250 * 2 ** Math.min(this.failures - 1, 7), 30_000);
    this.retry = setTimeout(() => this.connect(), delay);
    this.retry.unref();
  }
}
