import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { loadConfig } from '../../config/app-config.js';
import type { ImportProgress } from '../../contributions/import/contribution-importer.js';
import type { Actor } from '../../shared/actor.js';
import { prepareRuntime } from '../../startup.js';
import { isUuid } from '../../shared/ids.js';
import type { CliCommand } from '../cli-command.js';
import { loadApp } from '../load-app.js';

const USAGE = `npm run cli -- import <file> --consultation <id> [--as poc|lfp] [--institution <name>] [--actor <id>] [--json]

Bulk intake of contributions into one consultation from an NDJSON file (one JSON object a line,
each the body of POST /v1/contributions; "-" reads standard input), exactly as
POST /v1/consultations/:id/contributions:import does. Acts as the POC (default) or as the LFP of
--institution, recorded as --actor (default "cli-import"). Progress lines go to stderr, the
summary to stdout. Sending the same file again appends nothing. Exit code 0 when every line was
taken, 1 when some were rejected (listed), 2 on a usage error or a refused import.`;

const n = (x: number) => x.toLocaleString('en');

/** The bulk import from the command line, through the same importer as the HTTP endpoint. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import <file> --consultation <id>: bulk intake of NDJSON contributions (same checks as the API)',
  usage: USAGE,
  positionals: true,
  options: { consultation: { type: 'string' }, as: { type: 'string' }, institution: { type: 'string' }, actor: { type: 'string' }, json: { type: 'boolean' } },
  async run({ options, positional }) {
    const [file, ...extra] = positional;
    const role = options.as ?? 'poc';
    const consultationId = typeof options.consultation === 'string' ? options.consultation : '';
    const problem =
      file === undefined || extra.length > 0
        ? 'name exactly one file (or - for standard input)'
        : !isUuid(consultationId)
          ? '--consultation must be the consultation id (a uuid)'
          : role !== 'poc' && role !== 'lfp'
            ? '--as must be poc or lfp'
            : role === 'lfp' && typeof options.institution !== 'string'
              ? '--as lfp needs --institution (the lead institution of the policy area)'
              : null;
    if (problem !== null) {
      console.error(`import: ${problem}\nusage: ${USAGE}`);
      return 2;
    }
    if (file !== '-') {
      try {
        await access(file!);
      } catch {
        console.error(`import: cannot read ${file}`);
        return 2;
      }
    }
    const actor: Actor = {
      id: typeof options.actor === 'string' ? options.actor : 'cli-import',
      role: role as 'poc' | 'lfp',
      ...(typeof options.institution === 'string' ? { institution: options.institution } : {}),
    };
    const log = (line: string) => process.stderr.write(`${line}\n`);
    // This process only appends: the service's projections pick the events up.
    const started = await prepareRuntime(loadConfig(undefined, { PROJECTIONS_ENABLED: 'false', LOG_LEVEL: 'error' }), { log });
    const { NestFactory, AppModule } = await loadApp();
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(started.runtime), { logger: ['error', 'warn'] });
    try {
      await app.init();
      // Loaded here, not at the top: the other commands (verify, digest) must start without Nest.
      const { ContributionImporter } = await import('../../contributions/import/contribution-importer.js');
      const importer = app.get(ContributionImporter);
      const t0 = Date.now();
      const progress = (p: ImportProgress) => {
        const rate = Math.round(p.lines / Math.max((Date.now() - t0) / 1000, 0.001));
        log(
          `import: ${n(p.lines)} lines read — ${n(p.accepted)} accepted, ${n(p.rejected)} rejected, ` +
            `${n(p.duplicatesOfEarlierLines)} repeated, ${n(p.alreadyRecorded)} already recorded (${n(rate)} lines/s)`,
        );
      };
      const input = file === '-' ? process.stdin : createReadStream(file!);
      let summary;
      try {
        summary = await importer.import(consultationId, actor, input, { onProgress: progress });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'CONSULTATION.NOT_FOUND' || code === 'AUTH.OUT_OF_SCOPE') {
          console.error(`import: refused: ${(error as Error).message}`);
          return 2;
        }
        throw error;
      }
      const seconds = (Date.now() - t0) / 1000;
      if (options.json === true) {
        console.log(JSON.stringify(summary, null, 2));
      } else {
        console.log(
          [
            `consultation              ${summary.consultationId}`,
            `lines                     ${n(summary.lines)} in ${seconds.toFixed(1)} s`,
            `accepted                  ${n(summary.accepted)}`,
            `rejected                  ${n(summary.rejected)}`,
            `duplicatesOfEarlierLines  ${n(summary.duplicatesOfEarlierLines)}`,
            `alreadyRecorded           ${n(summary.alreadyRecorded)}`,
            `firstPosition             ${summary.firstPosition ?? '-'}`,
            `lastPosition              ${summary.lastPosition ?? '-'}`,
            ...summary.rejectedLines.map((x) => `line ${x.line}: ${x.field ?? '(line)'}: ${x.reason} [${x.code}]`),
          ].join('\n'),
        );
      }
      return summary.rejected > 0 ? 1 : 0;
    } finally {
      await app.close();
      await started.stopDatabase();
    }
  },
};
