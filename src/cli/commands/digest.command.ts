import { computeDigest, DIGEST_ALGORITHM } from '../../audit/integrity/digest.js';
import { loadConfig } from '../../config/app-config.js';
import { openAuditLog, progressReporter, UsageError } from '../audit-database.js';
import type { CliCommand } from '../cli-command.js';

/** The ledger digest, computed by the same code as GET /v1/audit/digest (not recorded: read-only). */
export const digestCommand: CliCommand = {
  name: 'digest',
  summary: 'print the ledger digest of the log (position, eventCount, sha256), read-only',
  usage: 'npm run cli -- digest [--position P] [--json]',
  options: { position: { type: 'string' }, json: { type: 'boolean' } },
  async run({ options }) {
    try {
      if (options.position !== undefined && typeof options.position !== 'string') throw new UsageError('--position needs a value');
      const log = await openAuditLog(loadConfig(), (m) => process.stderr.write(`${m}\n`));
      try {
        const upTo = options.position ?? null;
        if (upTo !== null && !log.store.isPosition(upTo)) throw new UsageError(`--position must be a log position (${log.store.positionFormat}), got ${upTo}`);
        const progress = progressReporter('digest');
        const digest = await computeDigest(log.store, { upTo, onProgress: (n) => progress('hashing the log', n) });
        const out = { ...digest, algorithm: DIGEST_ALGORITHM };
        if (options.json === true) console.log(JSON.stringify(out));
        else console.log([`position    ${out.position ?? '(empty log)'}`, `eventCount  ${out.eventCount}`, `sha256      ${out.sha256}`, `algorithm   ${out.algorithm}`].join('\n'));
        return 0;
      } finally {
        await log.close();
      }
    } catch (error) {
      console.error(`digest: ${error instanceof UsageError ? error.message : `could not compute the digest: ${error instanceof Error ? error.message : String(error)}`}`);
      return 2;
    }
  },
};
