import * as path from 'node:path';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { readPassword } from '../config/embedded-postgres.js';
import type { MigrateOptions } from './data-source.js';

/**
 * The service's database role when the schema belongs to another (MIGRATION_DATABASE_URL, and the
 * embedded default): it reads and writes the read models and the service's own tables, reads the
 * event log and appends to it only through cr_append (SECURITY DEFINER: it computes the hash chain).
 * It cannot INSERT, UPDATE or DELETE events or streams, ALTER or DISABLE their triggers, or change
 * the schema. It may CREATE schemas: rebuilds and as-of answers replay into scratch schemas.
 */

/** The tables the service reads but never writes directly. */
const LOG_TABLES = ['events', 'streams'];
const CR_APPEND = 'cr_append(text, text, uuid[], text[], integer[], text[], text[])';
/** Scratch schemas of rebuilds, rebuild --compare and as-of answers (src/projection-runner/replay.ts). */
const SCRATCH_SCHEMA = /^(rebuild|compare|asof)_/;

export interface ServiceRoleReport {
  role: string;
  /** Scratch schemas left by a process that ran as another role, handed to the service role. */
  adoptedSchemas: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Grants the service role what it needs and nothing more, as the schema owner (run after every
 * migration, so the tables a new migration adds are covered). Idempotent.
 */
export async function grantServiceRole(q: Pick<QueryRunner, 'query'>, role: string): Promise<ServiceRoleReport> {
  const r = ident(role);
  const [{ database, schema, owner }] = (await q.query('SELECT current_database() AS database, current_schema() AS schema, current_user AS owner')) as Array<{
    database: string;
    schema: string;
    owner: string;
  }>;
  if (role === owner) throw new Error(`the service role ${role} is the migration role: nothing to separate`);
  const s = ident(schema);
  await q.query(`GRANT CONNECT, TEMPORARY, CREATE ON DATABASE ${ident(database)} TO ${r}`);
  await q.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  const log = LOG_TABLES.map((t) => `${s}.${ident(t)}`).join(', ');
  await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${log} FROM ${r}`);
  await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${s}.schema_migrations FROM ${r}`);
  await q.query(`REVOKE ALL ON SEQUENCE ${s}.events_global_position_seq FROM ${r}`);
  await q.query(`GRANT EXECUTE ON FUNCTION ${s}.${CR_APPEND} TO ${r}`);

  // Scratch schemas a process of another role left behind (killed mid-rebuild, or from before the
  // split): the service must be able to drop them, which only their owner may.
  const schemas = (await q.query(
    `SELECT n.nspname AS name FROM pg_namespace n WHERE pg_get_userbyid(n.nspowner) <> $1 AND n.nspname ~ $2`,
    [role, SCRATCH_SCHEMA.source],
  )) as Array<{ name: string }>;
  for (const { name } of schemas) await q.query(`ALTER SCHEMA ${ident(name)} OWNER TO ${r}`);
  return { role, adoptedSchemas: schemas.map((x) => x.name) };
}

/** The role a URL logs in as, and whether it could rewrite the log (owner of events, or superuser). */
export async function describeRole(url: string): Promise<{ role: string; canAlterLog: boolean }> {
  const client = new pg.Client({ connectionString: url, application_name: 'consultation-record-start' });
  await client.connect();
  try {
    const { rows } = await client.query<{ role: string; canAlterLog: boolean }>(
    `SELECT current_user AS role,
            coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false)
         OR coalesce((SELECT pg_has_role(current_user, c.relowner, 'USAGE') FROM pg_class c
                       WHERE c.oid = to_regclass('public.events')), false) AS "canAlterLog"`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}

/** The embedded default's service role: created (or its password set) by the cluster's superuser. */
export const EMBEDDED_SERVICE_ROLE = 'consultation_record_service';

export async function ensureLoginRole(q: Pick<QueryRunner, 'query'>, role: string, password: string): Promise<void> {
  const [{ exists }] = (await q.query('SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS exists', [role])) as Array<{ exists: boolean }>;
  // The password is a literal in DDL (no parameters there); it is base64url, so it needs no escaping.
  if (!/^[A-Za-z0-9_-]+$/.test(password)) throw new Error('the service role password must be base64url');
  if (!exists) {
    await q.query(`CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password}'`).catch((error: { code?: string }) => {
      if (error.code !== '42710') throw error; // created concurrently
    });
  }
  await q.query(`ALTER ROLE ${ident(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '${password}'`);
}

async function currentRole(url: string): Promise<string> {
  return (await describeRole(url)).role;
}

export interface DatabaseRoles {
  /** Runs the migrations (and grants the service role its rights). */
  migrationUrl: string;
  /** What the service connects with. */
  serviceUrl: string;
  migrate: MigrateOptions;
}

/**
 * Which role migrates and which one the service runs as. The embedded default: the cluster's
 * superuser migrates and the service runs as EMBEDDED_SERVICE_ROLE (password in DATA_DIR). With
 * DATABASE_URL: MIGRATION_DATABASE_URL's role migrates, if given; else DATABASE_URL's does both.
 */
export async function databaseRoles(
  options: { databaseUrl: string; migrationDatabaseUrl?: string; embeddedDataDir?: string },
  log: (m: string) => void,
): Promise<DatabaseRoles> {
  if (options.embeddedDataDir !== undefined) {
    const password = await readPassword(path.join(options.embeddedDataDir, 'postgres-service.password'));
    const url = new URL(options.databaseUrl);
    url.username = EMBEDDED_SERVICE_ROLE;
    url.password = password;
    log(`the service runs as the database role ${EMBEDDED_SERVICE_ROLE}: it reads the event log and appends only through cr_append`);
    return { migrationUrl: options.databaseUrl, serviceUrl: url.toString(), migrate: { serviceRole: { name: EMBEDDED_SERVICE_ROLE, password } } };
  }
  if (options.migrationDatabaseUrl !== undefined) {
    const [owner, service] = await Promise.all([currentRole(options.migrationDatabaseUrl), currentRole(options.databaseUrl)]);
    if (owner !== service) {
      log(`migrations run as the database role ${owner}; the service runs as ${service}, which appends to the event log only through cr_append`);
      return { migrationUrl: options.migrationDatabaseUrl, serviceUrl: options.databaseUrl, migrate: { serviceRole: { name: service } } };
    }
    log(`MIGRATION_DATABASE_URL and DATABASE_URL are the same role (${owner}): nothing is separated`);
  }
  return { migrationUrl: options.migrationDatabaseUrl ?? options.databaseUrl, serviceUrl: options.databaseUrl, migrate: {} };
}
