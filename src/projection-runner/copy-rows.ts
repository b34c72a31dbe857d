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
  if (type === 'jsonb') return (v) => copyText(JSON.stringify(v));
  if (type === 'boolean') return (v) => (v ? 't' : 'f');
  return (v) => copyText(scalar(v));
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

/**
 * Upserts many rows: COPY (text format) into a temporary table shaped like the target, then one
 * INSERT … SELECT … ON CONFLICT. Parsing COPY's text costs PostgreSQL a fraction of what a JSON
 * document of the same rows does, which made the writes most of a rebuild's time.
 */
export async function copyUpsert(manager: EntityManager, meta: EntityMetadata, rows: readonly ObjectLiteral[], encoders: Encode[], upsertFrom: (stage: string) => string): Promise<void> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('copyUpsert needs a transaction');
  const client = (await runner.connect()) as pg.PoolClient;
  const table = meta.tableName;
  const stage = `"cr_stage_${table}"`;
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (LIKE "${table}") ON COMMIT DELETE ROWS`);
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
  await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY ${stage} (${names}) FROM STDIN`)));
  await client.query(upsertFrom(stage));
  await client.query(`DELETE FROM ${stage}`);
}
