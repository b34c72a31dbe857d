import { computeDigest, DIGEST_ALGORITHM } from '../../audit/integrity/digest.js';
import { parsePosition } from '../../event-store/postgres/position.js';
import { loadConfig } from '../../config/app-config.js';
import { openAuditDatabase, progressReporter, UsageError } from '../audit-database.js';
import type { CliCommand } from '../cli-command.js';

/** The ledger digest, computed by the same code as GET /v1/audit/digest (not recorded: read-only). */
export const digestCommand: CliCommand = {
  name: 'digest',
  summary: 'print the ledger digest of the log (position, eventCount, sha256), read-only',
  usage: 'npm run cli -- digest [--position P] [--json]',
  options: { position: { type: 'string' }, json: { type: 'boolean' } },
  async run({ options }) {
    try {
      const upTo = typeof options.position === 'string' ? parsePosition(options.position) : null;
      if (options.position !== undefined && !upTo) throw new UsageError(`--position must be a log position ("<xid>:<position>"), got ${String(options.position)}`);
      const db = await openAuditDatabase(loadConfig(), (m) => process.stderr.write(`${m}\n`));
      try {
        const progress = progressReporter('digest');
        const digest = await computeDigest(db.client, { upTo, onProgress: (n) => progress('hashing the log', n) });
        const out = { ...digest, algorithm: DIGEST_ALGORITHM };
        if (options.json === true) console.log(JSON.stringify(out));
        else console.log([`position    ${out.position ?? '(empty log)'}`, `eventCount  ${out.eventCount}`, `sha256      ${out.sha256}`, `algorithm   ${out.algorithm}`].join('\n'));
        return 0;
      } finally {
        await db.close();
      }
    } catch (error) {
      console.error(`digest: ${error instanceof UsageError ? error.message : `could not compute the digest: ${error instanceof Error ? error.message : String(error)}`}`);
      return 2;
    }
  },
};
