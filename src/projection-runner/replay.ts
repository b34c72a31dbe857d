import type { EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from '../database/database-errors.js';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { handledTypes, type ProjectionDefinition } from './projection.js';
import type { RowChanges } from './row-changes.js';
import { UnitOfWork } from './unit-of-work.js';

export class ProjectionHandlerError extends Error {
  constructor(
    readonly projection: string,
    readonly event: RecordedEvent,
    override readonly cause: unknown,
  ) {
    super(`${projection}: handling ${event.type} ${event.eventId} at ${event.position} failed: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ProjectionHandlerError';
  }
}

/**
 * The database refused what a batch wrote (or read by): a value it cannot store, say. The batch's
 * events are known, not which of them: with one event, that is the one.
 */
export class ProjectionBatchError extends Error {
  constructor(
    readonly projection: string,
    readonly events: readonly RecordedEvent[],
    override readonly cause: unknown,
  ) {
    super(
      events.length === 1
        ? `${projection}: applying ${events[0].type} ${events[0].eventId} at ${events[0].position} failed: ${(cause as Error)?.message ?? String(cause)}`
        : `${projection}: a batch of ${events.length} events failed: ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = 'ProjectionBatchError';
  }
}

/** The one event a projection could not apply, when the error tells which. */
export function failedEvent(error: unknown): RecordedEvent | null {
  if (error instanceof ProjectionHandlerError) return error.event;
  if (error instanceof ProjectionBatchError && error.events.length === 1) return error.events[0];
  return null;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Points the transaction's unqualified table names at `schema` (the live tables are in public). */
export async function useSchema(manager: EntityManager, schema: string): Promise<void> {
  await manager.query(schema === 'public' ? 'SET LOCAL search_path TO public' : `SET LOCAL search_path TO ${quoteIdent(schema)}, public`);
}

/**
 * Applies events to a projection's tables through the given transaction (search_path already set).
 * A lost database is rethrown as it is (the caller retries); anything else names the event, or the
 * batch when the database refused the batch's reads or writes as a whole.
 */
export async function applyEvents(
  manager: EntityManager,
  definition: ProjectionDefinition,
  events: readonly RecordedEvent[],
  options: { beforeWrite?: () => Promise<void>; changes?: RowChanges } = {},
): Promise<void> {
  const store = new UnitOfWork(manager, new Set(definition.insertOnly ?? []), options.changes);
  const handled = events.filter((e) => definition.handlers[e.type]);
  const asBatch = async (step: () => Promise<void>) => {
    try {
      await step();
    } catch (error) {
      throw isDatabaseUnavailable(error) ? error : new ProjectionBatchError(definition.name, handled, error);
    }
  };
  if (definition.prefetch && handled.length > 0) await asBatch(() => definition.prefetch!(handled, store));
  for (const event of handled) {
    try {
      await definition.handlers[event.type]!(event, store);
    } catch (error) {
      throw isDatabaseUnavailable(error) ? error : new ProjectionHandlerError(definition.name, event, error);
    }
  }
  await options.beforeWrite?.();
  await asBatch(() => store.flush());
}

/** Empty copies of a projection's live tables in a schema of their own (dropped first if there). */
export async function createScratchTables(manager: EntityManager, definition: ProjectionDefinition, schema: string): Promise<void> {
  const s = quoteIdent(schema);
  await manager.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await manager.query(`CREATE SCHEMA ${s}`);
  for (const table of definition.tables) {
    await manager.query(`CREATE TABLE ${s}.${quoteIdent(table)} (LIKE public.${quoteIdent(table)} INCLUDING ALL)`);
  }
}

export async function dropSchema(manager: EntityManager, schema: string): Promise<void> {
  await manager.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
}

export interface ReplayOptions {
  after?: string | null;
  upTo?: string | null;
  batchSize?: number;
  /** Keeps only some events (e.g. those of the streams an as-of question is about). */
  filter?: (event: RecordedEvent) => boolean;
  onBatch?: (applied: number, last: RecordedEvent) => void | Promise<void>;
}

/**
 * Replays the log into a projection's tables inside ONE transaction (search_path set by the
 * caller): what as-of answers and rebuild --compare use. Returns the last position read.
 */
export async function replayInTransaction(
  manager: EntityManager,
  store: EventStore,
  definition: ProjectionDefinition,
  options: ReplayOptions = {},
): Promise<{ position: string | null; applied: number }> {
  const types = handledTypes(definition);
  const batchSize = options.batchSize ?? 1000;
  let after = options.after ?? null;
  let applied = 0;
  for (;;) {
    const events = await store.readAll({ after, upTo: options.upTo ?? null, limit: batchSize, types });
    if (events.length === 0) break;
    const kept = options.filter ? events.filter(options.filter) : events;
    await applyEvents(manager, definition, kept);
    applied += kept.length;
    after = events[events.length - 1].position;
    await options.onBatch?.(applied, events[events.length - 1]);
    if (events.length < batchSize) break;
  }
  return { position: after, applied };
}
