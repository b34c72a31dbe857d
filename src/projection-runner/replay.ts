import type { EntityManager } from 'typeorm';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { handledTypes, type ProjectionDefinition } from './projection.js';
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

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}

/** Points the transaction's unqualified table names at `schema` (the live tables are in public). */
export async function useSchema(manager: EntityManager, schema: string): Promise<void> {
  await manager.query(schema === 'public' ? 'SET LOCAL search_path TO public' : `SET LOCAL search_path TO ${quoteIdent(schema)}, public`);
}

/** Applies events to a projection's tables through the given transaction (search_path already set). */
export async function applyEvents(manager: EntityManager, definition: ProjectionDefinition, events: readonly RecordedEvent[]): Promise<void> {
  const store = new UnitOfWork(manager);
  if (definition.prefetch) {
    const handled = events.filter((e) => definition.handlers[e.type]);
    if (handled.length > 0) await definition.prefetch(handled, store);
  }
  for (const event of events) {
    const handler = definition.handlers[event.type];
    if (!handler) continue;
    try {
      await handler(event, store);
    } catch (error) {
      throw new ProjectionHandlerError(definition.name, event, error);
    }
  }
  await store.flush();
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
