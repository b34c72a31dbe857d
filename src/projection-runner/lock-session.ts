import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * One database session, outside every pool, that holds this process's projection locks
 * (session-level advisory locks). One per process: a connection per projection would drain the
 * pool the batches need. If the session dies its locks go with it; correctness does not depend on
 * them (each batch fences its checkpoint with a row lock), they only keep two processes from
 * doing the same work.
 */
export class LockSession {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly held = new Set<string>();
  /** pg wants one query at a time per client. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger = new Logger('ProjectionLocks');

  constructor(private readonly url: string) {}

  private session(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.url, application_name: 'consultation-record-locks' });
      client.on('error', (error) => {
        this.logger.warn(`lock session lost (${error.message}); locks will be taken again`);
        this.held.clear();
        this.client = undefined;
      });
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /** True when this process now holds (or already held) the lock. */
  async tryLock(key: string): Promise<boolean> {
    if (this.held.has(key)) return true;
    const { rows } = await this.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
    if (rows[0].locked) this.held.add(key);
    return rows[0].locked;
  }

  holds(key: string): boolean {
    return this.held.has(key);
  }

  async unlock(key: string): Promise<void> {
    if (!this.held.delete(key) || !this.client) return;
    await this.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
  }

  private query<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    const result = this.queue.then(async () => (await this.session()).query<R>(text, values));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }
}
