/**
 * Audit integrity benchmark: `npx tsc -p tsconfig.json && node dist/bench/audit.bench.js [events]`.
 * Starts its own embedded PostgreSQL in a temporary folder (or uses DATABASE_URL), appends a log
 * of contribution-shaped events (default 200,000, in streams of 10), then measures the ledger
 * digest, the full verification (digest + every stream's chain), and the NDJSON log and public
 * export encoders. Prints the figures and writes them to bench/results/audit-<timestamp>.json.
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import pg from 'pg';
import { recordDigest } from '../src/audit/integrity/digest-records.js';
import { computeDigest, type Checkpoint } from '../src/audit/integrity/digest.js';
import { readLogPages } from '../src/audit/integrity/log-reader.js';
import { auditLine } from '../src/audit/integrity/ndjson.js';
import { verifyLog } from '../src/audit/integrity/verify.js';
import { PUBLIC_EVENT_TYPES, PublicFacts, publicLines } from '../src/audit/exports/public-events.js';
import { runMigrations } from '../src/database/data-source.js';
import type { NewEvent } from '../src/event-store/event-store.port.js';
import { PostgresEventStore } from '../src/event-store/postgres/postgres-event-store.js';
import { benchDatabase } from './support/bench-database.js';
import { writeResults } from './support/results.js';

const EVENTS = Number(process.argv[2] ?? 200_000);
const STREAM_LENGTH = 10;
const WRITERS = 8;
const TYPES = ['ContributionReceived', 'ContributionResponded', 'ResponseReviewed', 'ResponsePublished', 'MaterialPublished'];
const BODY =
  'The action plan should commit to publishing budget execution data monthly, in open formats, ' +
  'with a named contact in the ministry and a public log of requests that were refused and why.';

const log = (line: string) => process.stdout.write(`${line}\n`);
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

function stream(): NewEvent[] {
  const contributionId = randomUUID();
  return Array.from({ length: STREAM_LENGTH }, (_, i) => ({
    eventId: randomUUID(),
    type: TYPES[Math.min(i, TYPES.length - 1)],
    data: { contributionId, cycleId: randomUUID(), consultationId: randomUUID(), channel: 'meeting', body: BODY, n: i, personalDataSubject: null },
    metadata: { actor: { id: 'lfp-mof', role: 'lfp', institution: 'Ministry of Finance' }, correlationId: randomUUID(), causationId: null, occurredAt: '2021-03-04T10:00:00.000Z', schemaVersion: 1 },
  }));
}

async function main(): Promise<void> {
  const database = await benchDatabase('audit');
  const { url } = database;
  const pool = new pg.Pool({ connectionString: url, max: WRITERS + 2 });
  try {
    await runMigrations(url);
    const store = new PostgresEventStore(pool);
    const streams = Math.ceil(EVENTS / STREAM_LENGTH);
    let next = 0;
    let started = performance.now();
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < streams) {
          next++;
          await store.append(`contribution-${randomUUID()}`, stream(), { expectedRevision: 'no_stream' });
        }
      }),
    );
    const total = streams * STREAM_LENGTH;
    // What autovacuum does soon after a bulk load: without statistics the per-page look-ups of the
    // public export scan the table.
    await pool.query('ANALYZE events, streams');
    log(`appended ${total.toLocaleString('en')} events in ${streams.toLocaleString('en')} streams (${rate(total, performance.now() - started).toLocaleString('en')} events/s)`);

    const checkpoints: Checkpoint[] = [];
    started = performance.now();
    const digest = await computeDigest(store, { onCheckpoint: (cp) => void checkpoints.push(cp) });
    const digestMs = performance.now() - started;
    log(`digest: ${digest.eventCount.toLocaleString('en')} events in ${(digestMs / 1000).toFixed(2)} s — ${rate(digest.eventCount, digestMs).toLocaleString('en')} events/s`);
    const client = await pool.connect();
    try {
      await recordDigest(client, { ...digest, position: digest.position! }, checkpoints, { id: 'bench', role: 'auditor' });
      started = performance.now();
      const result = await verifyLog(store, pool, { position: digest.position!, sha256: digest.sha256 });
      const verifyMs = performance.now() - started;
      if (!result.valid || !result.chainsIntact) throw new Error('the untouched log did not verify');
      log(`verify (digest + every chain, two passes): ${(verifyMs / 1000).toFixed(2)} s — ${rate(result.checkedEvents, verifyMs).toLocaleString('en')} events/s`);

      const upTo = (await store.head())!;
      started = performance.now();
      let bytes = 0;
      for await (const page of readLogPages(store, { upTo }, 1000)) bytes += page.map(auditLine).join('').length;
      const ndjsonMs = performance.now() - started;
      log(`audit NDJSON encode: ${rate(total, ndjsonMs).toLocaleString('en')} events/s (${(bytes / 1e6).toFixed(0)} MB)`);

      started = performance.now();
      const facts = new PublicFacts(store, upTo);
      for await (const page of readLogPages(store, { upTo, types: PUBLIC_EVENT_TYPES }, 2000)) await publicLines(facts, page);
      const publicMs = performance.now() - started;
      log(`public events.ndjson encode: ${rate(total, publicMs).toLocaleString('en')} events/s`);
      log(`memory: rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);

      const results = {
        at: new Date().toISOString(),
        cpus: cpus().length,
        events: total,
        digestEventsPerSecond: rate(digest.eventCount, digestMs),
        verifyEventsPerSecond: rate(result.checkedEvents, verifyMs),
        auditNdjsonEventsPerSecond: rate(total, ndjsonMs),
        publicNdjsonEventsPerSecond: rate(total, publicMs),
      };
      log(`written to ${await writeResults('audit', results.at, results)}`);
    } finally {
      client.release();
    }
    await store.close();
  } finally {
    await pool.end();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
