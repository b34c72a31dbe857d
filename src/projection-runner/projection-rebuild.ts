import type { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { handledTypes, type ProjectionDefinition } from './projection.js';
import { applyEvents, createScratchTables, dropSchema, quoteIdent, useSchema } from './replay.js';

export interface RebuildContext {
  dataSource: DataSource;
  store: EventStore;
  batchSize: number;
  progressEveryMs: number;
  logger: Logger;
  stopped: () => boolean;
  /** Runs the swap while no live batch of the projection runs. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
}

export function progressLine(done: number, total: number | undefined, started: number): string {
  const seconds = Math.max((Date.now() - started) / 1000, 0.001);
  const rate = done / seconds;
  const left = total !== undefined && rate > 0 ? `, ~${Math.max(0, Math.round((total - done) / rate))} s left` : '';
  return `rebuild: ${done}${total !== undefined ? `/${total}` : ''} events, ${Math.round(rate)} events/s${left}`;
}

/**
 * Rebuilds a projection into a scratch schema while the live tables keep answering, then swaps
 * in one transaction. The log is read outside every transaction, and each write transaction is
 * short: none holds back the log's visible head while events are read.
 */
export async function rebuildProjection(ctx: RebuildContext, definition: ProjectionDefinition): Promise<void> {
  const { dataSource, store, batchSize, logger } = ctx;
  const name = definition.name;
  const scratch = `rebuild_${name.replace(/-/g, '_')}`;
  const types = handledTypes(definition);
  const started = Date.now();
  await dataSource.transaction(async (m) => {
    await createScratchTables(m, definition, scratch);
    await m.query(
      `UPDATE projection_state SET rebuild_version = $2, rebuild_position = NULL, rebuild_started_at = now(), updated_at = now() WHERE name = $1`,
      [name, definition.version],
    );
  });
  const total = await store.count?.({ types });
  let position: string | null = null;
  let horizon: string | null = null;
  let done = 0;
  let lastLog = started;

  /** Applies the next batch into the scratch tables; false once the visible head is reached. */
  const next = async (): Promise<boolean> => {
    if (ctx.stopped()) throw new Error('stopped during a rebuild');
    const head = await store.head();
    const events: RecordedEvent[] = await store.readAll({ after: position, limit: batchSize, types });
    if (events.length > 0) {
      await dataSource.transaction(async (m) => {
        await useSchema(m, scratch);
        await applyEvents(m, definition, events);
        await m.query('UPDATE projection_state SET rebuild_position = $2 WHERE name = $1', [name, events[events.length - 1].position]);
      });
      position = events[events.length - 1].position;
      done += events.length;
    }
    const more = events.length === batchSize;
    horizon = more ? position : later(store, position, head);
    if (Date.now() - lastLog >= ctx.progressEveryMs) {
      lastLog = Date.now();
      logger.log(progressLine(done, total, started));
    }
    return more;
  };

  while (await next());
  // The swap: no live batch runs meanwhile; the last events are caught up first, outside the
  // swap's transaction, which then only copies rows (readers see the old ones until it commits).
  await ctx.exclusive(async () => {
    while (await next());
    await dataSource.transaction(async (m) => {
      await m.query('SELECT 1 FROM projection_state WHERE name = $1 FOR UPDATE', [name]);
      await useSchema(m, 'public');
      for (const table of definition.tables) {
        const t = quoteIdent(table);
        await m.query(`DELETE FROM public.${t}`);
        await m.query(`INSERT INTO public.${t} SELECT * FROM ${quoteIdent(scratch)}.${t}`);
      }
      await m.query(
        `UPDATE projection_state SET version = $2, position = $3, horizon = $4, events_applied = $5, status = 'running', error = NULL,
           failed_event_id = NULL, rebuild_version = NULL, rebuild_position = NULL, rebuild_started_at = NULL, updated_at = now()
         WHERE name = $1`,
        [name, definition.version, position, horizon, done],
      );
      await dropSchema(m, scratch);
    });
  });
  const seconds = (Date.now() - started) / 1000;
  logger.log(`rebuilt from ${done} events in ${seconds.toFixed(1)} s (${Math.round(done / Math.max(seconds, 0.001))} events/s) and swapped in`);
}

function later(store: EventStore, a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return store.comparePositions(a, b) >= 0 ? a : b;
}
