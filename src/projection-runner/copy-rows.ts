import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';

/** Column types the COPY text format is written for here; a table with another goes the JSON way. */
const SCALAR = new Set(['uuid', 'text', 'varchar', 'character varying', 'boolean', 'integer', 'int', 'bigint', 'timestamptz', 'timestamp with time zone', 'jsonb']);

type Encode = (value: unknown) => string;

const copyText = (s: string) => (/[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t')) : s);
/** As JSON.stringify would give the value to jsonb_populate_recordset: a Date as its ISO string. */
const scalar = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));
const arrayElement = (v: unknown) => (v === null || v === undefined ? 'NULL' : `"${scalar(v).replace(/["\\]/g, '\\$&')}"`);

function encoderFor(type: string, isArray: boolean): Encode | null {
  if (isArray) return SCALAR.has(type) && type !== 'jsonb' ? (v) => copyText(`{${(v as unknown[]).map(arrayElement).join(',')}}`) : null;
  if (!SCALAR.has(type)) return null;
  // The common cases first, without the general conversion: a row's own values are a string, a
  // number or a Date as its entity declares (what else goes the general way).
  switch (type) {
    case 'jsonb':
      return (v) => copyText(JSON.stringify(v));
    case 'boolean':
      return (v) => (v ? 't' : 'f');
    case 'timestamptz':
    case 'timestamp with time zone':
      // An ISO string holds nothing COPY escapes.
      return (v) => (v instanceof Date ? v.toISOString() : copyText(scalar(v)));
    case 'integer':
    case 'int':
    case 'bigint':
      return (v) => (typeof v === 'number' ? String(v) : copyText(scalar(v)));
    default:
      return (v) => copyText(typeof v === 'string' ? v : scalar(v));
  }
}

const ENCODERS = new WeakMap<EntityMetadata, Encode[] | null>();

/** Per column, how to write it in COPY's text format; null when a column's type is not covered. */
export function copyEncoders(meta: EntityMetadata): Encode[] | null {
  if (!ENCODERS.has(meta)) {
    const encoders: Encode[] = [];
    for (const c of meta.columns) {
      const type = typeof c.type === 'string' ? c.type : typeof c.type === 'function' ? c.type.name.toLowerCase() : '';
      const e = encoderFor(type === 'string' ? 'text' : type === 'number' ? 'integer' : type === 'date' ? 'timestamptz' : type, c.isArray);
      if (!e) {
        ENCODERS.set(meta, null);
        return null;
      }
      encoders.push(e);
    }
    ENCODERS.set(meta, encoders);
  }
  return ENCODERS.get(meta)!;
}

/** Streams rows into `table` (quoted) with COPY's text format. */
async function copyInto(client: pg.PoolClient, table: string, meta: EntityMetadata, rows: readonly ObjectLiteral[], encoders: Encode[]): Promise<void> {
  const columns = meta.columns;
  async function* lines(): AsyncGenerator<string> {
    let buffer = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const v: unknown = row[columns[i].propertyName];
        line += (i ? '\t' : '') + (v === null || v === undefined ? '\\N' : encoders[i](v));
      }
      buffer += line + '\n';
      if (buffer.length > 1 << 16) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer) yield buffer;
  }
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ');
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${table} (${names}) FROM STDIN`)));
}

async function clientOf(manager: EntityManager, what: string): Promise<pg.PoolClient> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error(`${what} needs a transaction`);
  return (await runner.connect()) as pg.PoolClient;
}

/**
 * Upserts many rows: COPY (text format) into a temporary table shaped like the target, then one
 * INSERT … SELECT … ON CONFLICT. Parsing COPY's text costs PostgreSQL a fraction of what a JSON
 * document of the same rows does, which made the writes most of a rebuild's time.
 */
export async function copyUpsert(manager: EntityManager, meta: EntityMetadata, rows: readonly ObjectLiteral[], encoders: Encode[], upsertFrom: (stage: string) => string): Promise<void> {
  const client = await clientOf(manager, 'copyUpsert');
  const stage = `"cr_stage_${meta.tableName}"`;
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE "${meta.tableName}") ON COMMIT DELETE ROWS`);
  await copyInto(client, stage, meta, rows, encoders);
  await client.query(upsertFrom(stage));
  await client.query(`DELETE FROM ${stage}`);
}

/**
 * Inserts rows that are new by construction (one per event, keyed by it) straight into the table
 * (as the search_path finds it): no staging table and no conflict check. A key already there
 * fails the batch, as it should: the log would have been applied twice.
 */
export async function copyInsert(manager: EntityManager, meta: EntityMetadata, rows: readonly ObjectLiteral[], encoders: Encode[]): Promise<void> {
  await copyInto(await clientOf(manager, 'copyInsert'), `"${meta.tableName}"`, meta, rows, encoders);
}
