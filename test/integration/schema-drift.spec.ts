import type { DataSource } from 'typeorm';
import { ALL_PROJECTIONS } from '../../projections/index.js';
import { createDataSource } from '../../src/database/data-source.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The entities (the outcome columns declared once in projections/shared/outcome-row.ts included)
 * say what the migrations build: TypeORM's schema builder, run on a freshly migrated database,
 * finds nothing to change. `synchronize` is off everywhere, so a drift would only show as a query
 * that reads or writes a column the database does not have, or has otherwise.
 */
let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase({ migrate: true });
  dataSource = createDataSource({ url: db.url, poolSize: 2, searchPath: 'public' });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

it('has entities that match the schema the migrations build', async () => {
  // Every table a projection owns has its entity, so the comparison below covers all of them.
  const mapped = dataSource.entityMetadatas.map((m) => m.tableName).sort();
  expect(mapped).toEqual(ALL_PROJECTIONS.flatMap((p) => p.tables).sort());
  // The queries that would make the database what the entities say, one per difference.
  const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
  expect(upQueries.map((q) => q.query)).toEqual([]);
});

it('leaves a fifth of each page of the outcome tables free, for updates that touch no index', async () => {
  // The outcome columns' tables: every entity that inherits OutcomeRow.
  const outcomeTables = dataSource.entityMetadatas.filter((m) => m.inheritanceTree.some((c) => c.name === 'OutcomeRow')).map((m) => m.tableName);
  expect(outcomeTables).toHaveLength(1);
  const rows = (await dataSource.query(`SELECT relname, reloptions FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'`, [outcomeTables])) as Array<{ relname: string; reloptions: string[] | null }>;
  expect(Object.fromEntries(rows.map((r) => [r.relname, r.reloptions]))).toEqual(Object.fromEntries(outcomeTables.map((t) => [t, ['fillfactor=80']])));
});
