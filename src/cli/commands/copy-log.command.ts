import { computeDigest } from '../../audit/integrity/digest.js';
import { loadConfig } from '../../config/app-config.js';
import { runMigrations } from '../../database/data-source.js';
import { copyLog, TargetNotAPrefix, untilVisible } from '../../event-store/copy-log.js';
import { describeTarget, isEventStoreDBConnectionString, isPostgresUrl, openEventStore } from '../../event-store/event-store.factory.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { openAuditLog, UsageError } from '../audit-database.js';
import type { CliCommand } from '../cli-command.js';

const USAGE = `npm run cli -- copy-log --to <esdb://… connection string | postgres://… URL> [--batch-size <n>]

Copies the whole log of the configured event store (EVENTSTORE_CONNECTION_STRING, else DATABASE_URL,
else the embedded PostgreSQL) to another store: event ids, streams, revisions, log order, data and
metadata byte for byte. The target must be empty, or hold what an interrupted copy left (it goes on
from there); anything else is refused and left untouched. A PostgreSQL target is migrated first,
so its URL must be the role that owns the target's schema (its MIGRATION_DATABASE_URL, if it has one).
At the end it prints the ledger digest of both: equal digests prove nothing was lost or altered.
Exit code 0 when the digests are equal, 1 when the target was refused or the digests differ, 2 on a
usage or connection error.`;

const PROGRESS_EVERY_MS = 2000;

function options(raw: Record<string, string | true>): { to: string; batchSize: number } {
  const to = raw.to;
  if (typeof to !== 'string') throw new UsageError('--to <target> is required');
  if (!isPostgresUrl(to) && !isEventStoreDBConnectionString(to)) throw new UsageError('--to must be a postgres:// URL or an esdb:// connection string');
  const size = raw['batch-size'] === undefined ? 500 : Number(raw['batch-size']);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new UsageError('--batch-size must be an integer between 1 and 10000');
  return { to, batchSize: size };
}

const fmt = (n: number) => n.toLocaleString('en');

/** `copy-log`: move a record between stores, with the digest of both as the proof. */
export const copyLogCommand: CliCommand = {
  name: 'copy-log',
  summary: 'copy the whole log to another store (EventStoreDB or PostgreSQL), resumable; prints both digests',
  usage: USAGE,
  options: { to: { type: 'string' }, 'batch-size': { type: 'string' } },
  async run({ options: raw }) {
    const say = (line: string) => process.stderr.write(`copy-log: ${line}\n`);
    let target: EventStore | null = null;
    let source: Awaited<ReturnType<typeof openAuditLog>> | null = null;
    try {
      const { to, batchSize } = options(raw);
      const config = loadConfig();
      if (to === (config.EVENTSTORE_CONNECTION_STRING ?? config.DATABASE_URL)) throw new UsageError('--to names the configured store itself');
      source = await openAuditLog(config, say);
      if (isPostgresUrl(to)) {
        const applied = await runMigrations(to);
        if (applied.length > 0) say(`target schema created (${applied.length} migrations)`);
      }
      target = await openEventStore(to);
      say(`from ${source.describe} to ${describeTarget(to)}`);

      const started = Date.now();
      let lastLine = 0;
      const result = await copyLog(source.store, target, {
        batchSize,
        onResume: (n) => say(n === 0 ? 'the target is empty' : `the target holds the first ${fmt(n)} events of the source, identical byte for byte: resuming after them`),
        onProgress: ({ copied, total }) => {
          const now = Date.now();
          if (now - lastLine < PROGRESS_EVERY_MS && copied < total && lastLine !== 0) return;
          lastLine = now;
          const rate = Math.round(copied / Math.max((now - started) / 1000, 0.001));
          say(`copied ${fmt(copied)} of ${fmt(total)} events (${total ? Math.floor((copied * 100) / total) : 100}%, ${fmt(rate)} events/s)`);
        },
      });
      say(`done: ${fmt(result.copied)} events (${fmt(result.copied - result.alreadyThere)} written now) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

      await untilVisible(target, result.targetLast);
      say('computing the ledger digest of both logs…');
      const [ours, theirs] = await Promise.all([computeDigest(source.store, { upTo: result.sourceHead }), computeDigest(target)]);
      console.log(`source  ${ours.eventCount} events up to ${ours.position ?? '(empty)'}  sha256 ${ours.sha256}`);
      console.log(`target  ${theirs.eventCount} events up to ${theirs.position ?? '(empty)'}  sha256 ${theirs.sha256}`);
      const equal = ours.sha256 === theirs.sha256 && ours.eventCount === theirs.eventCount;
      console.log(
        equal
          ? 'DIGESTS EQUAL — the copy holds the source log up to its head at the start, unaltered'
          : 'DIGESTS DIFFER — the target holds more or other events than the source (see above)',
      );
      return equal ? 0 : 1;
    } catch (error) {
      if (error instanceof TargetNotAPrefix) {
        console.error(`copy-log: REFUSED — ${error.message}`);
        return 1;
      }
      if (error instanceof UsageError) console.error(`copy-log: ${error.message}\nusage: ${USAGE}`);
      else if ((error as { code?: string }).code === '42501') {
        // appendStored writes events and streams directly (the chain is already computed): only the
        // owner of the target's schema may, never a service role that appends through cr_append.
        console.error(`copy-log: could not copy: ${(error as Error).message}: a PostgreSQL --to URL must log in as the role that owns the target's schema (its MIGRATION_DATABASE_URL), not as the service role`);
      } else console.error(`copy-log: could not copy: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    } finally {
      await target?.close().catch(() => undefined);
      await source?.close().catch(() => undefined);
    }
  },
};
