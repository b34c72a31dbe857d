import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RecordBuilder } from '../support/record-builder.js';

/**
 * `npm run cli -- import <file> --consultation <id>`: the compiled CLI spawned as an operator runs
 * it, on the service's database, through the same importer as the HTTP endpoint.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'dist/src/cli/main.js');

let r: RecordBuilder;
let consultation: string;
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  const { config } = r.t;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: r.t.db.url, EVENTSTORE_CONNECTION_STRING: '', LOG_LEVEL: 'error', MASTER_KEY: config.MASTER_KEY, AUTH_JWT_SECRET: config.AUTH_JWT_SECRET },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  r = await RecordBuilder.start();
  const cycle = await r.openCycle();
  consultation = await r.announce(cycle, 'digitalGovernance', { kind: 'written_call' });
  dir = await mkdtemp(path.join(tmpdir(), 'cr-import-'));
}, 120_000);

afterAll(async () => {
  await r?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('npm run cli -- import <file>', () => {
  it('imports the good lines with progress on stderr, lists the bad ones, exits 1; a second run appends nothing', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => JSON.stringify({ channel: 'online_comment', body: `Open the e-Albania service data, comment ${i}` }));
    lines.splice(700, 0, JSON.stringify({ channel: 'online_comment', body: '' }));
    const file = path.join(dir, 'campaign.ndjson');
    await writeFile(file, lines.join('\n') + '\n');
    const before = await r.eventCount();

    const run = await cli(['import', file, '--consultation', consultation, '--as', 'lfp', '--institution', 'National Agency for Information Society', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/import: 1,201 lines read — 1,200 accepted, 1 rejected/);
    const summary = JSON.parse(run.stdout) as { accepted: number; rejected: number; rejectedLines: { line: number; field: string }[] };
    expect(summary).toMatchObject({ accepted: 1200, rejected: 1, rejectedLines: [{ line: 701, field: 'body', code: 'VALIDATION.FAILED' }] });
    expect(await r.eventCount()).toBe(before + 1200);

    const again = await cli(['import', file, '--consultation', consultation]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/accepted\s+0\n/);
    expect(again.stdout).toMatch(/alreadyRecorded\s+1,200\n/);
    expect(await r.eventCount()).toBe(before + 1200);
  }, 120_000);

  it('refuses an LFP of another area and a bad command line, appending nothing', async () => {
    const file = path.join(dir, 'one.ndjson');
    await writeFile(file, JSON.stringify({ channel: 'email', body: 'Out of scope' }) + '\n');
    const before = await r.eventCount();
    const outOfScope = await cli(['import', file, '--consultation', consultation, '--as', 'lfp', '--institution', 'Ministry of Finance']);
    expect(outOfScope.code).toBe(2);
    expect(outOfScope.stderr).toMatch(/refused: .*led by National Agency for Information Society/);
    const noConsultation = await cli(['import', file]);
    expect(noConsultation.code).toBe(2);
    expect(noConsultation.stderr).toMatch(/--consultation must be/);
    expect(await r.eventCount()).toBe(before);
  }, 120_000);
});
