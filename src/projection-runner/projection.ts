import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { RecordedEvent } from '../event-store/event-store.port.js';

/**
 * What a handler is given: the runner's transaction, with a per-batch cache of rows so that a
 * batch of events touching the same row reads it once and writes it once. Handlers must derive
 * everything from the events (never from the clock or another projection's tables): the same
 * events must give the same rows whatever the batch size. Rows given and taken are the cache's own
 * (not copies: copies were a rebuild's largest cost): build a changed row with a spread and new
 * arrays, never change a row, its arrays or its objects in place (under test they are frozen).
 */
export interface ProjectionStore {
  /** The row with this primary key, as the batch has left it so far, or null. */
  get<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): Promise<T | null>;
  /** Inserts or replaces the whole row (written at the end of the batch). */
  put<T extends ObjectLiteral>(entity: EntityTarget<T>, row: T): void;
  remove<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): void;
  /**
   * Loads, in one query, every row whose `property` (or any of several) is one of `values`, and
   * remembers that the cache now holds all of them: later get()s by that key, and find()s on that
   * single column and value, need no query (and a prefetched primary key that is absent is known
   * to be absent).
   */
  prefetch<T extends ObjectLiteral>(entity: EntityTarget<T>, property: (keyof T & string) | ReadonlyArray<keyof T & string>, values: readonly unknown[]): Promise<void>;
  /**
   * Tells the cache, without a query, that the table has no row whose `property` (or any of
   * several) is one of `values`: the rows the batch's own events create, say. get()s and find()s on
   * them then need no query, and in a batch written by COPY such a row goes straight into the table
   * (no conflict check): if the table had one after all, that batch fails.
   */
  none<T extends ObjectLiteral>(entity: EntityTarget<T>, property: (keyof T & string) | ReadonlyArray<keyof T & string>, values: readonly unknown[]): void;
  /** Rows matching a where clause: from the cache when prefetched, else after flushing pending writes. */
  find<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T> | FindOptionsWhere<T>[]): Promise<T[]>;
  /** The transaction itself, for what the helpers above cannot say. Flush first if you read. */
  readonly manager: EntityManager;
  flush(): Promise<void>;
}

export type ProjectionHandler = (event: RecordedEvent, store: ProjectionStore) => Promise<void>;

export interface ProjectionDefinition {
  /** Stable name, kebab-case: it names the checkpoint and appears in the admin API. */
  name: string;
  /** Bump it when the handlers change what they write: the runner rebuilds from the first event. */
  version: number;
  /** The read-model tables it owns (database names, created by migrations in the public schema). */
  tables: readonly string[];
  /** The entity classes of those tables. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: readonly Function[];
  handlers: Readonly<Record<string, ProjectionHandler>>;
  /**
   * Entities of `entities` whose rows are only ever added, each keyed by the event that adds it
   * (never put again in a later batch): a batch's many rows go by COPY straight into the table,
   * without a staging table and a conflict check. A key already stored fails the batch.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  insertOnly?: readonly Function[];
  /** Called with each batch before its handlers: load in a few queries what they will touch. */
  prefetch?: (events: readonly RecordedEvent[], store: ProjectionStore) => Promise<void>;
}

export const PROJECTIONS = Symbol('PROJECTIONS');

export function handledTypes(definition: ProjectionDefinition): string[] {
  return Object.keys(definition.handlers).sort();
}

/**
 * Several read models as one definition (their tables never share names), so that one replay
 * rebuilds them all as of a point (an answer about the past that reads the tables of each). `seen`
 * is told of every event replayed.
 */
export function combineProjections(projections: readonly ProjectionDefinition[], seen: (event: RecordedEvent) => void = () => undefined): ProjectionDefinition {
  const handlers: Record<string, ProjectionHandler> = {};
  for (const type of new Set(projections.flatMap(handledTypes))) {
    const each = projections.map((p) => p.handlers[type]).filter((h): h is ProjectionHandler => h !== undefined);
    handlers[type] = async (event, store) => {
      seen(event);
      for (const handler of each) await handler(event, store);
    };
  }
  const prefetching = projections.filter((p) => p.prefetch);
  return {
    name: projections.map((p) => p.name).join('+'),
    version: 1,
    tables: projections.flatMap((p) => p.tables),
    entities: projections.flatMap((p) => p.entities),
    insertOnly: projections.flatMap((p) => p.insertOnly ?? []),
    handlers,
    prefetch: async (events, store) => {
      for (const p of prefetching) await p.prefetch!(events.filter((e) => p.handlers[e.type]), store);
    },
  };
}

/** Types a handler by the domain event it handles. */
export function on<E extends { type: string; data: object }>(
  handler: (data: E['data'], event: RecordedEvent, store: ProjectionStore) => Promise<void>,
): ProjectionHandler {
  return (event, store) => handler(event.data as E['data'], event, store);
}
