import { type EntityManager, type EntityMetadata, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { copyEncoders, copyInsert, copyUpsert } from './copy-rows.js';
import type { ProjectionStore } from './projection.js';
import { recordChange, type RowChanges } from './row-changes.js';

interface Slot {
  row: ObjectLiteral | null;
  dirty: boolean;
  /** The primary key of a removed row. */
  pk?: unknown[];
  /** Put where the table is known to have no such row (looked up or prefetched, absent, and not written since). */
  fresh?: boolean;
}

/** A primary key's values as one string (the value itself for a one-column key). */
function keyOfValues(values: unknown[]): string {
  if (values.length === 1) {
    const v = values[0];
    if (typeof v === 'string') return v;
  }
  return JSON.stringify(values);
}

/**
 * A column value as an index key, or undefined for what find() does not look up. A string is its
 * own key (no copy per put); a number or boolean starts with a NUL, which no stored text holds.
 */
function indexKey(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return `\u0000${typeof value}${String(value)}`;
  return undefined;
}

/**
 * Rows are shared, not copied, between the cache and the handlers (copies of every row were most of
 * a rebuild's garbage): a handler builds a changed row with a spread and never changes one in place.
 * Under test every cached row is frozen, so a handler that does fails its tests.
 */
const share: <T extends ObjectLiteral>(row: T) => T = process.env.NODE_ENV === 'test' ? (row) => Object.freeze(row) : (row) => row;

const CHUNK = 5000;

const UPSERTS = new WeakMap<EntityMetadata, (source: string) => string>();
/** From this many rows a table's batch goes by COPY (a few more round trips, much less parsing). */
const COPY_FROM_ROWS = 200;

/**
 * One statement per table and batch: the rows come from `source` (a JSON parameter that PostgreSQL
 * turns into rows of the table's own type, or a COPY-filled temporary table), into the table named
 * as the search_path finds it (live or scratch). Much cheaper than the ORM's INSERT with a
 * placeholder per value.
 */
function upsertSql(meta: EntityMetadata): (source: string) => string {
  let sql = UPSERTS.get(meta);
  if (!sql) {
    const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
    const table = q(meta.tableName);
    const columns = meta.columns.map((c) => q(c.databaseName));
    const pk = meta.primaryColumns.map((c) => q(c.databaseName));
    const others = meta.columns.filter((c) => !c.isPrimary).map((c) => q(c.databaseName));
    const conflict = others.length ? `ON CONFLICT (${pk.join(', ')}) DO UPDATE SET ${others.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}` : `ON CONFLICT DO NOTHING`;
    sql = (source) => `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM ${source} ${conflict}`;
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
  /** Per table and column: the values (as index keys) for which every matching row is in the cache. */
  private readonly complete = new Map<EntityMetadata, Map<string, Set<string>>>();
  /** Per table and prefetched column: value → keys of the cached rows that have it (find() without a scan). */
  private readonly indexes = new Map<EntityMetadata, Map<string, Map<string, Set<string>>>>();
  private readonly metas = new Map<unknown, EntityMetadata>();

  constructor(
    readonly manager: EntityManager,
    /** Entities whose rows are only ever added (ProjectionDefinition.insertOnly): many go by COPY straight into the table. */
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    private readonly insertOnly: ReadonlySet<Function> = new Set(),
    /** When given, every row written or removed is noted here (its table and primary key). */
    private readonly changes?: RowChanges,
  ) {}

  private meta<T extends ObjectLiteral>(entity: EntityTarget<T>): EntityMetadata {
    let meta = this.metas.get(entity);
    if (!meta) this.metas.set(entity, (meta = this.manager.connection.getMetadata(entity)));
    return meta;
  }

  private pkOf(meta: EntityMetadata, row: ObjectLiteral): unknown[] {
    return meta.primaryColumns.map((c) => {
      const value: unknown = row[c.propertyName];
      if (value === undefined || value === null) {
        throw new Error(`${meta.tableName}: primary key column ${c.propertyName} is missing`);
      }
      return value instanceof Date ? value.toISOString() : value;
    });
  }

  private slots(meta: EntityMetadata): Map<string, Slot> {
    let slots = this.tables.get(meta);
    if (!slots) this.tables.set(meta, (slots = new Map()));
    return slots;
  }

  /** Sets a slot, keeping the column indexes in step. */
  private setSlot(meta: EntityMetadata, key: string, slot: Slot): void {
    const slots = this.slots(meta);
    const indexes = this.indexes.get(meta);
    if (indexes) {
      const before = slots.get(key)?.row;
      for (const [property, index] of indexes) {
        const old = before ? indexKey(before[property]) : undefined;
        const now = slot.row ? indexKey(slot.row[property]) : undefined;
        if (old === now) continue;
        if (old !== undefined) index.get(old)?.delete(key);
        if (now !== undefined) {
          let keys = index.get(now);
          if (!keys) index.set(now, (keys = new Set()));
          keys.add(key);
        }
      }
    }
    slots.set(key, slot);
  }

  private indexFor(meta: EntityMetadata, property: string): Map<string, Set<string>> {
    let byColumn = this.indexes.get(meta);
    if (!byColumn) this.indexes.set(meta, (byColumn = new Map()));
    let index = byColumn.get(property);
    if (!index) {
      byColumn.set(property, (index = new Map()));
      for (const [key, slot] of this.slots(meta)) {
        const v = slot.row ? indexKey(slot.row[property]) : undefined;
        if (v === undefined) continue;
        let keys = index.get(v);
        if (!keys) index.set(v, (keys = new Set()));
        keys.add(key);
      }
    }
    return index;
  }

  private completeFor(meta: EntityMetadata, property: string): Set<string> {
    let byColumn = this.complete.get(meta);
    if (!byColumn) this.complete.set(meta, (byColumn = new Map()));
    let values = byColumn.get(property);
    if (!values) byColumn.set(property, (values = new Set()));
    return values;
  }

  async prefetch<T extends ObjectLiteral>(entity: EntityTarget<T>, property: (keyof T & string) | ReadonlyArray<keyof T & string>, values: readonly unknown[]): Promise<void> {
    const meta = this.meta(entity);
    const slots = this.slots(meta);
    // Per column, the values not yet loaded by it; one query asks for all of them.
    const lookups = (typeof property === 'string' ? [property] : property).map((name) => {
      const done = this.completeFor(meta, name);
      this.indexFor(meta, name);
      const wanted: unknown[] = [];
      const seen = new Set<string>();
      for (const v of values) {
        if (v === null || v === undefined) continue;
        const k = indexKey(v) ?? `\u0000j${JSON.stringify(v)}`;
        if (done.has(k) || seen.has(k)) continue;
        seen.add(k);
        wanted.push(v);
      }
      const column = meta.findColumnWithPropertyName(name);
      if (!column) throw new Error(`${meta.tableName}: no column for ${name}`);
      return { name, done, seen, wanted, column, type: typeof column.type === 'string' ? column.type : 'text' };
    }).filter((l) => l.wanted.length > 0);
    if (lookups.length === 0) return;
    // One array parameter per column instead of the ORM's placeholder per value (its cost grows with the square).
    const sql = `SELECT * FROM "${meta.tableName}" WHERE ${lookups.map((l, i) => `"${l.column.databaseName}" = ANY ($${i + 1}::${l.type}[])`).join(' OR ')}`;
    const longest = Math.max(...lookups.map((l) => l.wanted.length));
    for (let i = 0; i < longest; i += 5000) {
      const raw = (await this.manager.query(sql, lookups.map((l) => l.wanted.slice(i, i + 5000)))) as ObjectLiteral[];
      for (const r of raw) {
        const row: ObjectLiteral = {};
        for (const c of meta.columns) row[c.propertyName] = r[c.databaseName];
        const k = keyOfValues(this.pkOf(meta, row));
        if (!slots.has(k)) this.setSlot(meta, k, { row: share(row), dirty: false });
      }
    }
    for (const l of lookups) {
      for (const k of l.seen) l.done.add(k);
      // Prefetched by the whole primary key: what was not found is known not to exist.
      if (meta.primaryColumns.length === 1 && meta.primaryColumns[0].propertyName === l.name) {
        for (const v of l.wanted) {
          const k = keyOfValues([v instanceof Date ? v.toISOString() : v]);
          if (!slots.has(k)) this.setSlot(meta, k, { row: null, dirty: false });
        }
      }
    }
  }

  none<T extends ObjectLiteral>(entity: EntityTarget<T>, property: (keyof T & string) | ReadonlyArray<keyof T & string>, values: readonly unknown[]): void {
    const meta = this.meta(entity);
    const slots = this.slots(meta);
    for (const name of typeof property === 'string' ? [property] : property) {
      const done = this.completeFor(meta, name);
      this.indexFor(meta, name);
      const byPrimaryKey = meta.primaryColumns.length === 1 && meta.primaryColumns[0].propertyName === name;
      for (const v of values) {
        const k = indexKey(v);
        if (k === undefined || done.has(k)) continue;
        done.add(k);
        const key = keyOfValues([v]);
        if (byPrimaryKey && !slots.has(key)) this.setSlot(meta, key, { row: null, dirty: false });
      }
    }
  }

  async get<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): Promise<T | null> {
    const meta = this.meta(entity);
    const slots = this.slots(meta);
    const k = keyOfValues(this.pkOf(meta, key));
    const cached = slots.get(k);
    if (cached) return cached.row as T | null;
    const where = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, key[c.propertyName as keyof T]]));
    const row = (await this.manager.findOne(entity, { where: where as FindOptionsWhere<T> })) ?? null;
    this.setSlot(meta, k, { row: row ? share(row) : null, dirty: false });
    return row;
  }

  put<T extends ObjectLiteral>(entity: EntityTarget<T>, row: T): void {
    const meta = this.meta(entity);
    const key = keyOfValues(this.pkOf(meta, row));
    const before = this.tables.get(meta)?.get(key);
    const fresh = !!before && (before.fresh === true || (before.row === null && !before.dirty));
    this.setSlot(meta, key, { row: share(row), dirty: true, fresh });
  }

  remove<T extends ObjectLiteral>(entity: EntityTarget<T>, key: Partial<T>): void {
    const meta = this.meta(entity);
    const pk = this.pkOf(meta, key);
    this.setSlot(meta, keyOfValues(pk), { row: null, dirty: true, pk });
  }

  async find<T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T> | FindOptionsWhere<T>[]): Promise<T[]> {
    const meta = this.meta(entity);
    const entries = Array.isArray(where) ? [] : Object.entries(where);
    if (entries.length === 1) {
      const [property, value] = entries[0];
      const k = indexKey(value);
      if (k !== undefined && this.completeFor(meta, property).has(k)) {
        const slots = this.slots(meta);
        const found: T[] = [];
        for (const key of this.indexFor(meta, property).get(k) ?? []) {
          const row = slots.get(key)?.row;
          if (row) found.push(row as T);
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
      const inserts: ObjectLiteral[] = [];
      const deletes: ObjectLiteral[] = [];
      const insertOnly = typeof meta.target === 'function' && this.insertOnly.has(meta.target);
      for (const slot of slots.values()) {
        if (!slot.dirty) continue;
        slot.dirty = false;
        if (this.changes) recordChange(this.changes, meta.tableName, slot.row ? meta.primaryColumns.map((c) => slot.row![c.propertyName]) : slot.pk!);
        if (slot.row) (insertOnly || slot.fresh ? inserts : upserts).push(slot.row);
        else if (slot.pk) deletes.push(Object.fromEntries(meta.primaryColumns.map((c, i) => [c.propertyName, slot.pk![i]])));
        slot.fresh = false;
      }
      // Deletes are rare in projections: one statement per row keeps composite keys simple.
      for (const where of deletes) await this.manager.delete(meta.target, where);
      const sql = upsertSql(meta);
      const encoders = upserts.length + inserts.length >= COPY_FROM_ROWS ? copyEncoders(meta) : null;
      if (encoders) {
        // Rows the table cannot have yet go straight in; the others through the staging table's upsert.
        if (inserts.length > 0) await copyInsert(this.manager, meta, inserts, encoders);
        if (upserts.length > 0) await copyUpsert(this.manager, meta, upserts, encoders, sql);
        continue;
      }
      upserts.push(...inserts);
      const fromJson = sql(`jsonb_populate_recordset(NULL::"${meta.tableName}", $1::jsonb)`);
      for (let i = 0; i < upserts.length; i += CHUNK) {
        await this.manager.query(fromJson, [JSON.stringify(upserts.slice(i, i + CHUNK).map((row) => toColumns(meta, row)))]);
      }
    }
  }
}
