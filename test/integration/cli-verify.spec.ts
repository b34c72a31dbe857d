import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { appendBulk, buildOpenRecord, settled, superuser, tamper, tokensFor, type OpenRecord } from '../support/open-record.js';

/**
 * `npm run cli -- verify | digest`: an auditor checks a database without the service. The compiled
 * CLI (npm test builds dist/ first) is spawned against the test database, exactly as an auditor
 * would run it against a restored dump.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

let t: TestApp;
let tokens: Awaited<ReturnType<typeof tokensFor>>;
let record: OpenRecord;
let admin: pg.Client;
let published: { position: string; eventCount: number; sha256: string };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], databaseUrl = t.db.url): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, EVENTSTORE_CONNECTION_STRING: '', LOG_LEVEL: 'error' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

const count = async (table: string) => Number((await admin.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

beforeAll(async () => {
  t = await startTestApp({ projections: false });
  tokens = await tokensFor(t);
  record = await buildOpenRecord(t, tokens);
  await appendBulk(t, record.cycleId, 12, 100);
  admin = await superuser(t);
  await settled(t);
  const res = await t.http.get('/v1/audit/digest').set(bearer(tokens.auditor));
  expect(res.status).toBe(200);
  published = res.body;
}, 120_000);

afterAll(async () => {
  await admin?.end();
  await t?.close();
});

describe('npm run cli -- digest', () => {
  it('prints the same digest as GET /v1/audit/digest, and records nothing', async () => {
    const issued = await count('audit_digests');
    // Up to the published position: without it the CLI digests up to the head it sees, which
    // another test file's open transaction (transaction ids are cluster-wide) may hold back.
    const json = await cli(['digest', '--json', '--position', published.position]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ position: published.position, eventCount: published.eventCount, sha256: published.sha256, algorithm: expect.any(String) });

    const text = await cli(['digest', '--position', published.position]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`position    ${published.position}`);
    expect(text.stdout).toContain(`eventCount  ${published.eventCount}`);
    expect(text.stdout).toContain(`sha256      ${published.sha256}`);
    expect(await count('audit_digests')).toBe(issued);
  });
});

describe('npm run cli -- verify', () => {
  it('exits 0 on an untouched log, with or without a digest to check', async () => {
    const chains = await cli(['verify']);
    expect(chains.code).toBe(0);
    expect(chains.stdout).toMatch(/chains {2}\d+ streams: every hash chain holds/);
    expect(chains.stdout).toContain('VERDICT: VALID');

    const withDigest = await cli(['verify', '--position', published.position, '--sha256', published.sha256]);
    expect(withDigest.code).toBe(0);
    expect(withDigest.stdout).toContain(`digest  ${published.eventCount} events up to ${published.position}: matches`);
  });

  it('exits 1 naming the tampered event, and the published digest no longer verifies', async () => {
    const { rows } = await admin.query(
      `SELECT event_id::text AS id, stream_id, revision::int AS revision, data::text AS data FROM events
        WHERE stream_id = $1 AND type = 'ContributionResponded'`,
      [`contribution-${record.contributions.cso}`],
    );
    const target = rows[0];
    const before = { events: await count('events'), digests: await count('audit_digests') };
    await tamper(admin, `UPDATE events SET data = replace(data::text, '"partially_accepted"', '"accepted"')::json WHERE event_id = $1`, [target.id]);
    try {
      const chains = await cli(['verify']);
      expect(chains.code).toBe(1);
      expect(chains.stdout).toContain(`BROKEN  ${target.stream_id}  revision ${target.revision}  event ${target.id}`);
      expect(chains.stdout.match(/^BROKEN/gm)).toHaveLength(1);
      expect(chains.stdout).toContain('VERDICT: TAMPERED');

      const withDigest = await cli(['verify', '--position', published.position, '--sha256', published.sha256]);
      expect(withDigest.code).toBe(1);
      expect(withDigest.stdout).toMatch(/digest {2}\d+ events up to .*: DIFFERS/);

      const json = await cli(['verify', '--position', published.position, '--sha256', published.sha256, '--json']);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, verdict: 'tampered', firstMismatch: { eventId: target.id, locatedBy: 'hash_chain' } });

      // The HTTP endpoint and the CLI share one implementation: the same answer.
      const http = await t.http.post('/v1/audit/verify').set(bearer(tokens.auditor)).send({ position: published.position, sha256: published.sha256 });
      expect(http.body.firstMismatch).toEqual(JSON.parse(json.stdout).firstMismatch);
    } finally {
      await tamper(admin, 'UPDATE events SET data = $2::json WHERE event_id = $1', [target.id, target.data]);
    }
    expect((await cli(['verify', '--position', published.position, '--sha256', published.sha256])).code).toBe(0);
    // Read-only: the checks appended and recorded nothing.
    expect({ events: await count('events'), digests: await count('audit_digests') }).toEqual(before);
  });

  it('exits 2 on a usage error, naming the problem', async () => {
    const bad = await cli(['verify', '--position', 'last-week', '--sha256', published.sha256]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--position must be a log position');
    const half = await cli(['verify', '--position', published.position]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--position and --sha256 go together');
    const digest = await cli(['verify', '--position', published.position, '--sha256', 'abc']);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toContain('--sha256 must be 64 hexadecimal characters');
  });

  it('checks a database as it is: one without an event log exits 2 and is not migrated', async () => {
    let empty: TestDatabase | undefined;
    try {
      empty = await createTestDatabase({ migrate: false });
      const run = await cli(['verify'], empty.url);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('holds no event log');
      expect(await publicTables(empty.url)).toEqual([]);
    } finally {
      await empty?.drop();
    }
  });
});

async function publicTables(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
  } finally {
    await client.end();
  }
}

describe('the command line refuses what it does not know, saying what', () => {
  it('an unknown command, an unknown option, a missing value or a stray argument: exit 2 and the reason', async () => {
    const unknownCommand = await cli(['verfy']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command "verfy" \(known: projections, rebuild, verify, digest, copy-log, import\)/);

    const unknownOption = await cli(['verify', '--sha265', 'abc']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/verify: Unknown option '--sha265' \(known: --position, --sha256, --json, --help\)/);
    expect(unknownOption.stderr).toContain('usage: npm run cli -- verify');

    const missing = await cli(['digest', '--position']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/digest: Option '--position <value>' argument missing/);

    const stray = await cli(['digest', 'now']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/Unexpected argument 'now'/);

    const help = await cli(['rebuild', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/usage: npm run cli -- rebuild --compare/);
  });

  it('npm run token refuses an unknown option too', async () => {
    const token = await new Promise<Run>((resolve) =>
      execFile(process.execPath, [path.join(ROOT, 'dist/src/cli/token.js'), '--role', 'poc', '--instituton', 'x'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
      ),
    );
    expect(token.code).toBe(2);
    expect(token.stderr).toMatch(/token: Unknown option '--instituton'/);
    expect(token.stdout).toBe('');
  });
});
