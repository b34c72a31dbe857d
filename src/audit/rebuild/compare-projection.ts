import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore } from '../../event-store/event-store.port.js';
import { handledTypes, type ProjectionDefinition } from '../../projection-runner/projection.js';
import { applyEvents, createScratchTables, dropSchema, quoteIdent, replayInTransaction, useSchema } from '../../projection-runner/replay.js';

/** One way a rebuilt row differs from the live one. `column` null: the row exists on one side only. */
export interface RowDifference {
  table: string;
  key: Record<string, unknown>;
  column: string | null;
  live: unknown;
  rebuilt: unknown;
}

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  differingRows: number;
}

export interface ProjectionComparison {
  name: string;
  version: number;
  /** The version the live tables were built by (null: the projection never ran). */
  liveVersion: number | null;
  /** The checkpoint both sides were compared at. */
  position: string | null;
  eventsReplayed: number;
  equal: boolean;
  /** Why the comparison says not equal without a row difference (e.g. a version mismatch). */
  note: string | null;
  tables: TableComparison[];
  /** The first differences, table by table, in primary-key order. */
  differences: RowDifference[];
}

export interface CompareOptions {
  batchSize?: number;
  /** Differing rows reported per table (each may give several column differences). */
  maxRows?: number;
  onProgress?: (line: string) => void;
}

interface StateRow {
  position: string | null;
  version: number;
}

const STATE = 'SELECT position, version FROM projection_state WHERE name = $1';

/**
 * Rebuilds a projection from the log into scratch tables and compares them with the live ones at
 * the live checkpoint. The bulk is replayed in batches up to the checkpoint seen at the start; the
 * rest is caught up inside the transaction that holds the projection_state row FOR SHARE (a live
 * batch updates that row before it writes, so none commits meanwhile) and compares there: both sides reflect the
 * same position even while the service runs. The scratch schema is dropped in every case.
 */
export async function compareProjection(
  dataSource: DataSource,
  store: EventStore,
  definition: ProjectionDefinition,
  options: CompareOptions = {},
): Promise<ProjectionComparison> {
  const batchSize = options.batchSize ?? 1000;
  const maxRows = options.maxRows ?? 10;
  const progress = options.onProgress ?? (() => undefined);
  const types = handledTypes(definition);
  const schema = `compare_${definition.name.replace(/-/g, '_').slice(0, 40)}_${randomBytes(4).toString('hex')}`;
  let after: string | null = null;
  let replayed = 0;

  /** Replays the next batch up to `upTo` into the scratch tables of this transaction; answers its size. */
  const replayBatch = async (m: EntityManager, upTo: string): Promise<number> => {
    const events = await store.readAll({ after, upTo, limit: batchSize, types });
    if (events.length === 0) return 0;
    await applyEvents(m, definition, events);
    after = events[events.length - 1].position;
    replayed += events.length;
    return events.length;
  };

  await dataSource.transaction((m) => createScratchTables(m, definition, schema));
  try {
    const [start] = (await dataSource.query(STATE, [definition.name])) as StateRow[];
    const total = start?.position ? await store.count?.({ types, upTo: start.position }) : 0;
    if (start?.position) {
      // In transactions of their own: a long replay holds no lock and no transaction open.
      let reported = Date.now();
      for (;;) {
        const replayedNow = await dataSource.transaction(async (m) => {
          await useSchema(m, schema);
          return replayBatch(m, start.position!);
        });
        if (replayedNow < batchSize) break;
        if (Date.now() - reported >= 1000) {
          reported = Date.now();
          progress(`${definition.name}: ${replayed}${total !== undefined ? `/${total}` : ''} events replayed`);
        }
      }
    }

    return await dataSource.transaction(async (m) => {
      const [state] = (await m.query(`${STATE} FOR SHARE`, [definition.name])) as StateRow[];
      const position = state?.position ?? null;
      await useSchema(m, schema);
      if (position !== null) replayed += (await replayInTransaction(m, store, definition, { after, upTo: position, batchSize })).applied;
      const tables: TableComparison[] = [];
      const differences: RowDifference[] = [];
      for (const table of definition.tables) {
        const compared = await compareTable(m, table, schema, maxRows);
        tables.push(compared.summary);
        differences.push(...compared.differences);
      }
      const liveVersion = state?.version ?? null;
      const note =
        liveVersion !== null && liveVersion !== definition.version
          ? `the live tables were built by version ${liveVersion}, the code is version ${definition.version}: a rebuild is due`
          : null;
      return {
        name: definition.name,
        version: definition.version,
        liveVersion,
        position,
        eventsReplayed: replayed,
        equal: note === null && tables.every((t) => t.differingRows === 0),
        note,
        tables,
        differences,
      };
    });
  } finally {
    await dataSource.transaction((m) => dropSchema(m, schema)).catch(() => undefined);
  }
}

async function primaryKey(m: EntityManager, table: string): Promise<string[]> {
  const rows = (await m.query(
    `SELECT a.attname AS name FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND i.indisprimary
      ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`public.${quoteIdent(table)}`],
  )) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** Rows compared as jsonb, matched by primary key (by the whole row when the table has none). */
async function compareTable(
  m: EntityManager,
  table: string,
  schema: string,
  maxRows: number,
): Promise<{ summary: TableComparison; differences: RowDifference[] }> {
  const pk = await primaryKey(m, table);
  const key = pk.length ? `jsonb_build_object(${pk.map((c) => `'${c}', t.${quoteIdent(c)}`).join(', ')})` : 'to_jsonb(t)';
  const live = `public.${quoteIdent(table)}`;
  const rebuilt = `${quoteIdent(schema)}.${quoteIdent(table)}`;
  const joined = `
    WITH l AS (SELECT ${key} AS k, to_jsonb(t) AS r FROM ${live} t),
         b AS (SELECT ${key} AS k, to_jsonb(t) AS r FROM ${rebuilt} t)
    SELECT coalesce(l.k, b.k) AS key, l.r AS live, b.r AS rebuilt
      FROM l FULL JOIN b ON l.k = b.k
     WHERE l.r IS DISTINCT FROM b.r`;
  const [counts] = (await m.query(
    `SELECT (SELECT count(*) FROM ${live})::int AS live, (SELECT count(*) FROM ${rebuilt})::int AS rebuilt,
            (SELECT count(*) FROM (${joined}) d)::int AS differing`,
  )) as Array<{ live: number; rebuilt: number; differing: number }>;
  const rows = (await m.query(`${joined} ORDER BY 1 LIMIT $1`, [maxRows])) as Array<{
    key: Record<string, unknown>;
    live: Record<string, unknown> | null;
    rebuilt: Record<string, unknown> | null;
  }>;
  const differences = rows.flatMap((row): RowDifference[] => {
    // jsonb orders keys its own way: name them in the primary key's order.
    const key = pk.length ? Object.fromEntries(pk.map((c) => [c, row.key[c]])) : row.key;
    if (!row.live || !row.rebuilt) return [{ table, key, column: null, live: row.live, rebuilt: row.rebuilt }];
    const columns = [...new Set([...Object.keys(row.live), ...Object.keys(row.rebuilt)])];
    return columns
      .filter((c) => JSON.stringify(row.live![c]) !== JSON.stringify(row.rebuilt![c]))
      .map((c) => ({ table, key, column: c, live: row.live![c] ?? null, rebuilt: row.rebuilt![c] ?? null }));
  });
  return { summary: { table, liveRows: counts.live, rebuiltRows: counts.rebuilt, differingRows: counts.differing }, differences };
}
