import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { categoryOf } from '../../src/event-store/event-store.port.js';
import type { ProjectionDefinition, ProjectionHandler } from '../../src/projection-runner/projection.js';

/**
 * Keeps on a single-aggregate row the revision of its aggregate's stream: what a read answers as
 * `revision` and `ETag`, and what a command's `If-Match` is compared with. Every event of the
 * aggregate's own stream (`ownTypes`, handled or not) sets it; events of other streams that the
 * handlers also apply to the row (a canonical's response shown by its duplicates, a report in its
 * consultation's summary) leave it alone.
 */
export function trackRevision<T extends ObjectLiteral & { revision: number; position: string }>(
  definition: ProjectionDefinition,
  options: { entity: EntityTarget<T>; category: string; idProperty: keyof T & string; ownTypes: readonly string[] },
): ProjectionDefinition {
  const { entity, category, idProperty } = options;
  const idOf = (streamId: string) => streamId.slice(category.length + 1);
  const own = (streamId: string) => categoryOf(streamId) === category;
  const handlers: Record<string, ProjectionHandler> = { ...definition.handlers };
  for (const type of new Set([...Object.keys(definition.handlers), ...options.ownTypes])) {
    const handle = definition.handlers[type];
    handlers[type] = async (event, store) => {
      if (handle) await handle(event, store);
      if (!own(event.streamId)) return;
      const row = await store.get(entity, { [idProperty]: idOf(event.streamId) } as Partial<T>);
      // A handler may have set both already: no second copy of the row.
      if (row && (row.revision !== event.revision || row.position !== event.position)) store.put(entity, { ...row, revision: event.revision, position: event.position });
    };
  }
  return {
    ...definition,
    handlers,
    // The rows of the batch's own streams in one query, so the lookups above need none.
    prefetch: async (events, store) => {
      await definition.prefetch?.(events, store);
      const ids = [...new Set(events.filter((e) => own(e.streamId)).map((e) => idOf(e.streamId)))];
      if (ids.length > 0) await store.prefetch(entity, idProperty, ids);
    },
  };
}
