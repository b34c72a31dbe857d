import type { Socket } from 'node:net';
import pg from 'pg';
import {
  IdempotencyMismatch,
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type ChainReport,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadLogOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StoredEvent,
  type StreamAppend,
  type StreamAppendResult,
  type StreamVerification,
  type SubscribeOptions,
  type Subscription,
} from '../event-store.port.js';
import { validateBatch } from '../validate-batch.js';
import { AppendWaiters } from '../append-waiters.js';
import { findChainMismatch, GENESIS_HASH, type StoredChainEvent } from '../hashing.js';
import { checkChains } from './chains.js';
import { importStored } from './import.js';
import { NotificationListener, ThrottledNotifier } from './notifications.js';
import { compareLogPositions, formatPosition, parsePosition, requirePosition, type LogPosition } from './position.js';
import {
  APPEND_ONE_EACH_SQL,
  APPEND_SQL,
  appendArguments,
  LOCK_STREAMS_SQL,
  STORED_IDS_SQL,
  findEventQuery,
  globalCountQuery,
  globalReadQuery,
  HEAD_QUERY,
  logReadQuery,
  readStreamQuery,
  STREAM_HEAD_QUERY,
  STREAM_REVISION_QUERY,
  toRecordedEvent,
  VERIFY_PAGE_QUERY,
  type EventRow,
  type GlobalReadShape,
  type StoredRow,
} from './sql.js';
import { PostgresSubscription, type GlobalPage } from './subscription.js';
import { KEEP_OPENED_CONNECTIONS } from '../../database/pool-settings.js';

export interface PostgresEventStoreOptions {
  /** Pool size when the store is built from a URL. */
  poolSize?: number;
  /**
   * Built from a URL: every session read-only (set at connection), for the auditing commands, so
   * that a verification cannot change what it checks.
   */
  readOnly?: boolean;
  /** Subscriptions' fallback poll while idle. Default 500 ms. */
  pollIntervalMs?: number;
  /** Longest wait between reads while an announced append is still hidden. Default 50 ms. */
  maxBackoffMs?: number;
  /** Least time between two NOTIFYs from this store. Default 25 ms. */
  notifyIntervalMs?: number;
}

const VERIFY_PAGE = 1000;

function assertCount(value: number | undefined, what: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

function expectedText(expected: ExpectedRevision): string {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  // -1 is what streamRevision() answers for a missing stream, so it means no_stream.
  if (Number.isSafeInteger(expected) && expected >= -1) return String(expected);
  throw new TypeError(`invalid expected revision ${String(expected)}`);
}

/**
 * The PostgreSQL adapter of the event store (schema and cr_append: see the migration beside it).
 * Build it from a pool it then shares (and leaves open on close), or from a URL (its own pool).
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PostgresEventStore implements EventStore {
  readonly positionFormat = '"<xid>:<position>"';
  readonly description = 'PostgreSQL';
  private readonly pool: pg.Pool;
  private readonly waiters = new AppendWaiters();
  /** waitForAppend holds the LISTEN connection from its first call until close(). */
  private listening = false;
  private readonly ownsPool: boolean;
  private readonly subscriptions = new Set<PostgresSubscription>();
  private readonly notifier: ThrottledNotifier;
  private readonly listener: NotificationListener;
  private readonly options: Required<Omit<PostgresEventStoreOptions, 'poolSize' | 'readOnly'>>;
  private closed = false;

  constructor(poolOrUrl: pg.Pool | string, options: PostgresEventStoreOptions = {}) {
    if (typeof poolOrUrl === 'string') {
      this.pool = new pg.Pool({
        connectionString: poolOrUrl,
        max: options.poolSize ?? 20,
        ...KEEP_OPENED_CONNECTIONS,
        application_name: options.readOnly ? 'consultation-record-audit' : 'consultation-record',
        ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      });
      // An idle client losing its connection must not crash the process; the pool replaces it.
      this.pool.on('error', () => undefined);
      this.ownsPool = true;
    } else {
      this.pool = poolOrUrl;
      this.ownsPool = false;
    }
    this.options = {
      pollIntervalMs: options.pollIntervalMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 50,
      notifyIntervalMs: options.notifyIntervalMs ?? 25,
    };
    this.notifier = new ThrottledNotifier(this.pool, this.options.notifyIntervalMs);
    this.listener = new NotificationListener(this.pool.options, (payload) => {
      const position = payload === null ? null : parsePosition(payload);
      for (const s of this.subscriptions) s.wake(position);
      // Not on a (re)connect: a waiter asked the head when it started, and times out into a read.
      if (payload !== null) this.waiters.wake();
    });
  }


  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    const expected = expectedText(options.expectedRevision);
    validateBatch(streamId, events);
    let appended: { nextRevision: number; position: string };
    try {
      const { rows } = await this.query<{ last_revision: string; last_position: string }>({
        name: 'cr_append',
        text: APPEND_SQL,
        values: [streamId, expected, ...appendArguments(events)],
      });
      appended = { nextRevision: Number(rows[0].last_revision), position: rows[0].last_position };
    } catch (error) {
      throw this.appendError(error, streamId, options.expectedRevision);
    }
    if (this.subscriptions.size > 0 || this.waiters.size > 0) this.wakeAll(parsePosition(appended.position));
    this.notifier.appended(appended.position);
    return appended;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendResult[]> {
    this.assertOpen();
    if (appends.length === 0) return [];
    const expected = appends.map((a) => expectedText(a.expectedRevision));
    for (const a of appends) validateBatch(a.streamId, a.events);
    const streams = appends.map((a) => a.streamId);
    let results: StreamAppendResult[];
    try {
      results = await this.withClient(async (client) => {
        await client.query('BEGIN');
        try {
          await client.query({ name: 'cr_lock_streams', text: LOCK_STREAMS_SQL, values: [streams] });
          const stored = await client.query<{ id: string; stream_id: string }>({
            name: 'cr_stored_ids',
            text: STORED_IDS_SQL,
            values: [appends.map((a) => a.events[0].eventId)],
          });
          const replays = new Map(stored.rows.map((r) => [r.id, r.stream_id]));
          let rows: { last_revision: string; last_position: string }[];
          if (appends.every((a) => a.events.length === 1)) {
            const [ids, types, versions, data, metadata] = appendArguments(appends.map((a) => a.events[0]));
            rows = (await client.query({ name: 'cr_append_one_each', text: APPEND_ONE_EACH_SQL, values: [streams, expected, ids, types, versions, data, metadata] }))
              .rows;
          } else {
            rows = [];
            for (const [i, a] of appends.entries()) {
              const r = await client.query({ name: 'cr_append', text: APPEND_SQL, values: [a.streamId, expected[i], ...appendArguments(a.events)] });
              rows.push(r.rows[0]);
            }
          }
          await client.query('COMMIT');
          return rows.map((r, i) => ({
            nextRevision: Number(r.last_revision),
            position: r.last_position,
            replayed: replays.get(appends[i].events[0].eventId.toLowerCase()) === appends[i].streamId,
          }));
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    } catch (error) {
      throw this.appendError(error, appends.length === 1 ? appends[0].streamId : `(one of ${appends.length} streams)`, 'any');
    }
    const last = results.filter((r) => !r.replayed).reduce<string | null>((max, r) => (max === null || this.comparePositions(r.position, max) > 0 ? r.position : max), null);
    if (last !== null) {
      if (this.subscriptions.size > 0 || this.waiters.size > 0) this.wakeAll(parsePosition(last));
      this.notifier.appended(last);
    }
    return results;
  }

  private appendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
    const e = error as { code?: string; detail?: string; constraint?: string; message?: string };
    if (e.code === 'CR001') return new WrongExpectedRevision(streamId, expected, Number(e.detail));
    if (e.code === 'CR002') return new IdempotencyMismatch(streamId, e.message ?? 'event ids already stored');
    // Two streams racing with the same event id: the loser trips the unique index.
    if (e.code === '23505' && e.constraint === 'events_event_id_key') {
      return new IdempotencyMismatch(streamId, 'an event id of this batch was stored concurrently in another stream');
    }
    return error;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertCount(options.from, 'from');
    assertCount(options.limit, 'limit');
    const rows = await this.queryArrays<EventRow>(
      readStreamQuery(streamId, options.direction ?? 'forwards', options.from ?? null, options.limit ?? null),
    );
    return rows.map(toRecordedEvent);
  }

  async findEvent(eventId: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    // event_id is a uuid column: anything else cannot be stored, and must not be a query error.
    if (!UUID.test(eventId)) return null;
    const [row] = await this.queryArrays<EventRow>(findEventQuery(eventId));
    return row ? toRecordedEvent(row) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertCount(options.limit, 'limit');
    const page = await this.readGlobal({
      after: options.after ? requirePosition(options.after, 'after') : null,
      upTo: options.upTo ? requirePosition(options.upTo, 'upTo') : null,
      types: options.types,
      categories: options.categories,
      limit: options.limit ?? null,
    });
    return page.events;
  }

  async count(options: Omit<ReadAllOptions, 'limit'> = {}): Promise<number> {
    this.assertOpen();
    const [[n]] = await this.queryArrays<[string]>(
      globalCountQuery({
        after: options.after ? requirePosition(options.after, 'after') : null,
        upTo: options.upTo ? requirePosition(options.upTo, 'upTo') : null,
        types: options.types,
        categories: options.categories,
      }),
    );
    return Number(n);
  }

  private async readGlobal(shape: GlobalReadShape): Promise<GlobalPage> {
    const rows = await this.queryArrays<[...EventRow, string]>(globalReadQuery(shape));
    // The CTE always answers one row: without events it carries only the horizon.
    const events = rows[0][0] === null ? [] : rows.map((row) => toRecordedEvent(row as unknown as EventRow));
    return {
      events,
      last: events.length > 0 ? parsePosition(events[events.length - 1].position) : null,
      horizon: BigInt(rows[0][8]),
    };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const batchSize = options.batchSize ?? 500;
    if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new TypeError(`batchSize must be a positive integer, got ${batchSize}`);
    const after = options.after ? requirePosition(options.after, 'after') : null;
    const { types, categories } = options;
    const subscription = new PostgresSubscription(
      (cursor, limit) => this.readGlobal({ after: cursor, upTo: null, types, categories, limit }),
      after,
      batchSize,
      { pollIntervalMs: this.options.pollIntervalMs, maxBackoffMs: this.options.maxBackoffMs },
      async (s) => {
        if (this.subscriptions.delete(s)) await this.listener.release();
      },
    );
    this.subscriptions.add(subscription);
    this.listener.acquire();
    return subscription;
  }

  private wakeAll(position: LogPosition | null): void {
    for (const s of this.subscriptions) s.wake(position);
    this.waiters.wake();
  }

  async waitForAppend(after: string | null, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.assertOpen();
    const since = after === null ? null : requirePosition(after, 'after');
    if (!this.listening) {
      this.listening = true;
      this.listener.acquire();
    }
    return this.waiters.wait(timeoutMs, signal, async () => {
      const head = await this.head();
      return head !== null && (since === null || compareLogPositions(requirePosition(head), since) > 0);
    });
  }

  async readLog(options: ReadLogOptions): Promise<StoredEvent[]> {
    this.assertOpen();
    assertCount(options.limit, 'limit');
    const { rows } = await this.query<StoredRow>(
      logReadQuery({
        after: options.after ? requirePosition(options.after, 'after') : null,
        upTo: options.upTo ? requirePosition(options.upTo, 'upTo') : null,
        types: options.types,
        streams: options.streams,
        limit: options.limit,
      }),
    );
    return rows.map((r) => ({
      position: formatPosition({ xid: BigInt(r.xid), globalPosition: BigInt(r.gp) }),
      eventId: r.event_id,
      streamId: r.stream_id,
      revision: Number(r.revision),
      type: r.type,
      schemaVersion: r.schema_version,
      data: r.data,
      metadata: r.metadata,
      recordedAt: r.recorded_at.toISOString(),
      chainHash: r.chain_hash,
    }));
  }

  async verifyChains(options: { onProgress?: (eventsChecked: number) => void } = {}): Promise<ChainReport> {
    this.assertOpen();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const report = await checkChains(client, options.onProgress);
        await client.query('COMMIT');
        return report;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      client.release();
    }
  }

  async appendStored(events: readonly StoredEvent[]): Promise<{ position: string | null }> {
    this.assertOpen();
    const client = await this.pool.connect();
    let result: { position: string | null };
    try {
      result = await importStored(client, events);
    } finally {
      client.release();
    }
    if (result.position) {
      if (this.subscriptions.size > 0 || this.waiters.size > 0) this.wakeAll(parsePosition(result.position));
      this.notifier.appended(result.position);
    }
    return result;
  }

  async head(): Promise<string | null> {
    this.assertOpen();
    const { rows } = await this.query<{ transaction_id: string; global_position: string }>(HEAD_QUERY);
    return rows.length === 0 ? null : `${rows[0].transaction_id}:${rows[0].global_position}`;
  }

  async streamRevision(streamId: string): Promise<number> {
    this.assertOpen();
    const { rows } = await this.query<{ revision: string }>({ name: 'cr_stream_revision', text: STREAM_REVISION_QUERY, values: [streamId] });
    return rows.length === 0 ? -1 : Number(rows[0].revision);
  }

  async verifyStream(streamId: string): Promise<StreamVerification> {
    this.assertOpen();
    // The head first: events appended after it are not this verification's business.
    const head = await this.query<{ revision: string; last_hash: Buffer }>({ text: STREAM_HEAD_QUERY, values: [streamId] });
    if (head.rows.length === 0) return { streamId, valid: true, checkedEvents: 0, firstMismatch: null };
    const { revision, last_hash: headHash } = head.rows[0];
    const headRevision = Number(revision);
    let previous = GENESIS_HASH;
    let checked = 0;
    let last: (StoredChainEvent & { position: string }) | null = null;
    for (;;) {
      const { rows } = await this.query<Omit<StoredChainEvent, 'revision'> & { revision: string; position: string }>({
        text: VERIFY_PAGE_QUERY,
        values: [streamId, checked, headRevision, VERIFY_PAGE],
      });
      const page = rows.map((r) => ({ ...r, revision: Number(r.revision) }));
      const mismatch = findChainMismatch(page, previous, checked);
      if (mismatch) {
        const e = page[mismatch.index];
        return {
          streamId,
          valid: false,
          checkedEvents: checked + mismatch.index,
          firstMismatch: { eventId: e.eventId, revision: e.revision, position: e.position, reason: mismatch.reason },
        };
      }
      checked += page.length;
      if (page.length > 0) {
        last = page[page.length - 1];
        previous = last.chainHash;
      }
      if (page.length < VERIFY_PAGE) break;
    }
    // The head row must name the last stored event: a removed tail leaves the chain intact otherwise.
    if (!last || last.revision !== headRevision || !last.chainHash.equals(headHash)) {
      return {
        streamId,
        valid: false,
        checkedEvents: checked,
        firstMismatch: {
          eventId: last?.eventId ?? '',
          revision: last?.revision ?? -1,
          position: last?.position ?? '',
          reason: `the stream head records revision ${headRevision} and its hash, which the last stored event does not match`,
        },
      };
    }
    return { streamId, valid: true, checkedEvents: checked, firstMismatch: null };
  }

  comparePositions(a: string, b: string): number {
    return compareLogPositions(requirePosition(a), requirePosition(b));
  }

  isPosition(value: string): boolean {
    return typeof value === 'string' && parsePosition(value) !== null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.waiters.wake();
    if (this.listening) await this.listener.release();
    await this.notifier.close();
    if (this.ownsPool) await this.pool.end();
  }

  /**
   * pool.query() would destroy the connection on any error, and a conflict is an ordinary answer
   * here: reconnecting (SCRAM and all) after each one cost ~10 ms. Keep connections that only
   * reported a statement error.
   */
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      // pg writes Bind, Describe, Execute and Sync one by one; corked, they leave in one segment,
      // sparing a syscall and a server wake-up each (measured: 4-8% more appends per second).
      const socket = (client as unknown as { connection?: { stream?: Partial<Pick<Socket, 'cork' | 'uncork'>> } }).connection?.stream;
      socket?.cork?.();
      const pending = work(client);
      socket?.uncork?.();
      const result = await pending;
      client.release();
      return result;
    } catch (error) {
      const statementError = error instanceof pg.DatabaseError && error.severity === 'ERROR';
      client.release(statementError ? undefined : (error as Error));
      throw error;
    }
  }

  private query<R extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
    return this.withClient((client) => client.query<R>(config));
  }

  private async queryArrays<R extends unknown[]>(config: pg.QueryArrayConfig): Promise<R[]> {
    return (await this.withClient((client) => client.query<R>(config))).rows;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}
