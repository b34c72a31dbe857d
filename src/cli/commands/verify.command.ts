import { verifyLog, type VerifyResult } from '../../audit/integrity/verify.js';
import { loadConfig } from '../../config/app-config.js';
import { openAuditLog, progressReporter, UsageError } from '../audit-database.js';
import type { CliCommand } from '../cli-command.js';

const USAGE = 'npm run cli -- verify [--position P --sha256 H] [--json]';

function request(options: Record<string, string | true>): { position: string; sha256: string } | null {
  const { position, sha256 } = options;
  if (position === undefined && sha256 === undefined) return null;
  if (typeof position !== 'string' || typeof sha256 !== 'string') throw new UsageError('--position and --sha256 go together');
  if (!/^[0-9a-fA-F]{64}$/.test(sha256)) throw new UsageError('--sha256 must be 64 hexadecimal characters');
  return { position, sha256: sha256.toLowerCase() };
}

function report(result: VerifyResult, withDigest: boolean, elapsedMs: number): string[] {
  const lines: string[] = [];
  for (const s of result.brokenStreams) {
    lines.push(`BROKEN  ${s.streamId}  revision ${s.revision ?? '-'}  event ${s.eventId ?? '-'}  at ${s.position ?? '-'}: ${s.reason}`);
  }
  lines.push(`chains  ${result.checkedStreams} streams: ${result.chainsIntact ? 'every hash chain holds' : `${result.brokenStreams.length} broken`}`);
  if (withDigest) {
    lines.push(
      `digest  ${result.checkedEvents} events up to ${result.position}: ${result.valid ? 'matches' : `DIFFERS (given ${result.sha256}, the log now gives ${result.actualSha256})`}`,
    );
  }
  const m = result.firstMismatch;
  if (m) lines.push(`first mismatch (${m.locatedBy}): ${m.streamId ?? '-'} revision ${m.revision ?? '-'} event ${m.eventId ?? '-'} at ${m.position ?? '-'}: ${m.reason}`);
  const rate = Math.round(result.checkedEvents / Math.max(elapsedMs / 1000, 0.001));
  lines.push(`checked ${result.checkedEvents} events in ${(elapsedMs / 1000).toFixed(1)} s (${rate} events/s)`);
  lines.push(verdictOk(result) ? 'VERDICT: VALID — the log is unaltered' : 'VERDICT: TAMPERED — the log was altered (see above)');
  return lines;
}

/** Tampered when the digest differs or any chain is broken (a digest issued after a change still matches). */
const verdictOk = (r: VerifyResult) => r.valid && r.chainsIntact;

/** Checks every stream's hash chain, and a digest if given, with the code behind POST /v1/audit/verify. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: "verify every stream's hash chain and, if given, a ledger digest (exit 0 valid, 1 tampered, 2 usage error)",
  usage: USAGE,
  options: { position: { type: 'string' }, sha256: { type: 'string' }, json: { type: 'boolean' } },
  async run({ options }) {
    try {
      const given = request(options);
      const log = await openAuditLog(loadConfig(), (m) => process.stderr.write(`${m}\n`));
      try {
        if (given && !log.store.isPosition(given.position)) throw new UsageError(`--position must be a log position (${log.store.positionFormat}), got ${given.position}`);
        process.stderr.write(`verify: reading ${log.describe}\n`);
        const progress = progressReporter('verify');
        const started = Date.now();
        const result = await verifyLog(log.store, log.records, given, (p) => progress(p.phase === 'digest' ? 'digest' : 'hash chains', p.events));
        if (options.json === true) console.log(JSON.stringify({ ...result, verdict: verdictOk(result) ? 'valid' : 'tampered' }));
        else console.log(report(result, given !== null, Date.now() - started).join('\n'));
        return verdictOk(result) ? 0 : 1;
      } finally {
        await log.close();
      }
    } catch (error) {
      // Exit 1 means "tampered": a check that could not run must never say that.
      if (error instanceof UsageError) console.error(`verify: ${error.message}\nusage: ${USAGE}`);
      else console.error(`verify: could not check the log: ${error instanceof Error ? error.message : String(error)}`);
      return 2;
    }
  },
};
