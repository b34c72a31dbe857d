import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '../../src/database/data-source.js';

export interface TestDatabase {
  /** URL of a fresh database of this test file, migrated to the latest schema; its user is the cluster's superuser. */
  url: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  const url = process.env.CR_TEST_ADMIN_URL;
  if (!url) throw new Error('CR_TEST_ADMIN_URL is not set: run the tests through jest (npm test), whose global setup starts PostgreSQL');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a database of its own for one test file and runs every migration in it. */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const admin = adminUrl();
  const name = `cr_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = withDatabase(admin, name);
  if (options.migrate !== false) await runMigrations(url);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs SQL on events with the immutability triggers off, as only the table owner could. */
export async function tamper(admin: pg.ClientBase, sql: string, values: unknown[] = []): Promise<void> {
  await admin.query('BEGIN');
  try {
    await admin.query('ALTER TABLE events DISABLE TRIGGER events_immutable_rows');
    await admin.query(sql, values);
    await admin.query('ALTER TABLE events ENABLE ALWAYS TRIGGER events_immutable_rows');
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}
