import { type EntityManager, type EntityMetadata, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import type { ProjectionStore } from './projection.js';

interface Slot {
  row: ObjectLiteral | null;
  dirty: boolean;
}

const CHUNK = 5000;

const UPSERTS = new WeakMap<EntityMetadata, string>();

/**
 * One statement per table and batch: the rows travel as one JSON parameter that PostgreSQL turns
 * into rows of the table's own type (the table named as the search_path finds it: live or
 * scratch). Much cheaper than an INSERT with a placeholder per value, built by the ORM.
 */
function upsertSql(meta: EntityMetadata): string {
  let sql = UPSERTS.get(meta);
  if (!sql) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const table = q(meta.tableName);
    const columns = meta.columns.map((c) => q(c.databaseName));
    const pk = meta.primaryColumns.map((c) => q(c.databaseName));
    const others = meta.columns.filter((c) => !c.isPrimary).map((c) => q(c.databaseName));
    sql =
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ` +
      (others.length ? `ON CONFLICT (${pk.join(', ')}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : `ON CONFLICT DO NOTHING`);
    UPSERTS.set(meta, sql);
  }
  return sql;
}

/** A row keyed by column names, as jsonb_populate_recordset wants it (Dates become ISO strings). */
function toColumns(meta: EntityMetadata, row: ObjectLiteral): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of meta.columns) out[c.databaseName] = row[c.propertyName] ?? null;
  return out;
}

/**
 * The batch cache behind ProjectionStore: reads go to the database once per row and batch (or
 * once per batch, for what the projection prefetched); writes are collected and flushed as one
 * multi-row upsert (and one delete) per table. The runner is the only writer of its tables, so
 * what the cache holds is the truth.
 */
export class UnitOfWork implements ProjectionStore {
  private readonly tables = new Map<EntityMetadata, Map<string, Slot>>();
  /** Per table and column: the values for which every matching row is in the cache. */
  private readonly complete = new Map<EntityMetadata, Map<string, Set<string>>>();

  constructor(readonly manager: EntityManager) {}

  private meta<T extends ObjectLiteral>(entity: EntityTarget<T>): EntityMetadata {
    return this.manager.connection.getMetadata(entity);
  }

  private keyOf(meta: EntityMetadata, row: ObjectLiteral): string {
    return JSON.stringify(
      meta.primaryColumns.map((c) => {
        const value: unknown = row[c.propertyName];
        if (value === undefined || value === null) {
          throw new Error(`${meta.tableName}: primary key column ${c.propertyName} is missing`);
        }
        return value instanceof Date ? value.toISOString() : value;
      }),
    );
  }

  private slots(meta: EntityMetadata): Map<string, Slot> {
    let slots = this.tables.get(meta);
    if (!slots) this.tables.set(meta, (slots = new Map()));
    return slots;
  }

  private completeFor(meta: EntityMetadata, property: string): Set<string> {
    let byColumn = this.complete.get(meta);
    if (!byColumn) this.complete.set(meta, (byColumn = new Map()));
    let values = byColumn.get(property);
    if (!values) byColumn.set(property, (values = new Set()));
    return values;
  }

  async prefetch<T extends ObjectLiteral>(entity: EntityTarget<T>, property: keyof T & string, values: readonly unknown[]): Promise<void> {
    const meta = this.meta(entity);
    const done = this.completeFor(meta, property);
    const wanted = [...new Set(values)].filter((v) => v !== null && v !== undefined && !done.has(JSON.stringify(v)));
    if (wanted.length === 0) return;
    const slots = this.slots(meta);
    // One array parameter instead of the ORM's placeholder per value (its cost grows with the square).
    const column = meta.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${meta.tableName}: no column for ${property}`);
    const type = typeof column.type === 'string' ? column.type : 'text';
    const sql = `SELECT * FROM "${meta.tableName}" WHERE "${column.databaseName}" = ANY ($1::${type}[])`;
    for (let i = 0; i < wanted.length; i += 5000) {
      const raw = (await this.manager.query(sql, [wanted.slice(i, i + 5000)])) as ObjectLiteral[];
      for (const r of raw) {
        const row: ObjectLiteral = {};
        for (const c of meta.columns) row[c.propertyName] = r[c.databaseName];
        const k = this.keyOf(meta, row);
        if (!slots.has(k)) slots.set(k, { row: { ...row }, dirty: false });
      }
    }
    for (const v of wanted) done.add(JSON.stringify(v));
    // Prefetched by the whole primary key: what was not found is known not to exist.
    if (meta.primaryColumns.length === 1 && meta.primaryColumns[0].propertyName === property) {
      for (const v of wanted) {
        const k = JSON.stringify([v]);
        if (!slots.has(k)) slots.set(k, { row: null, dirty: false });
      }
    }
  }

  async get<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): Promise<T | null> {
    const meta = this.meta(entity);
    const slots = this.slots(meta);
    const k = this.keyOf(meta, key);
    const cached = slots.get(k);
    if (cached) return cached.row ? (structuredClone(cached.row) as T) : null;
    const where = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, key[c.propertyName as keyof T]]));
    const row = (await this.manager.findOne(entity, { where: where as FindOptionsWhere<T> })) ?? null;
    slots.set(k, { row: row ? { ...row } : null, dirty: false });
    return row ? (structuredClone({ ...row }) as T) : null;
  }

  put<T extends ObjectLiteral>(entity: EntityTarget<T>, row: T): void {
    const meta = this.meta(entity);
    this.slots(meta).set(this.keyOf(meta, row), { row: structuredClone({ ...row }), dirty: true });
  }

  remove<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): void {
    const meta = this.meta(entity);
    this.slots(meta).set(this.keyOf(meta, key), { row: null, dirty: true });
  }

  async find<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T> | FindOptionsWhere<T>[]): Promise<T[]> {
    const meta = this.meta(entity);
    const entries = Array.isArray(where) ? [] : Object.entries(where);
    if (entries.length === 1) {
      const [property, value] = entries[0];
      const primitive = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
      if (primitive && this.completeFor(meta, property).has(JSON.stringify(value))) {
        const found: T[] = [];
        for (const slot of this.slots(meta).values()) {
          if (slot.row && slot.row[property] === value) found.push(structuredClone(slot.row) as T);
        }
        return found;
      }
    }
    await this.flush();
    return this.manager.find(entity, { where });
  }

  async flush(): Promise<void> {
    for (const [meta, slots] of this.tables) {
      const upserts: ObjectLiteral[] = [];
      const deletes: ObjectLiteral[] = [];
      for (const [key, slot] of slots) {
        if (!slot.dirty) continue;
        slot.dirty = false;
        if (slot.row) upserts.push(slot.row);
        else deletes.push(Object.fromEntries(meta.primaryColumns.map((c, i) => [c.propertyName, (JSON.parse(key) as unknown[])[i]])));
      }
      // Deletes are rare in projections: one statement per row keeps composite keys simple.
      for (const where of deletes) await this.manager.delete(meta.target, where);
      const sql = upsertSql(meta);
      for (let i = 0; i < upserts.length; i += CHUNK) {
        await this.manager.query(sql, [JSON.stringify(upserts.slice(i, i + CHUNK).map((row) => toColumns(meta, row)))]);
      }
    }
  }
}
