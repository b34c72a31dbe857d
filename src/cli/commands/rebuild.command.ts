import { DataSource } from 'typeorm';
import { compareProjection, type ProjectionComparison, type RowDifference } from '../../audit/rebuild/compare-projection.js';
import { loadConfig } from '../../config/app-config.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { PROJECTIONS, type ProjectionDefinition } from '../../projection-runner/projection.js';
import { prepareRuntime } from '../../startup.js';
import type { CliCommand } from '../cli-command.js';
import { loadApp } from '../load-app.js';

const USAGE = `npm run cli -- rebuild --compare [--projection <name>] [--json] [--batch-size <n>]

Rebuilds every projection (or one) from the event log into scratch tables and compares them, row
by row, with the live tables at the live checkpoint, even while the service runs. Nothing live is
changed; the scratch schemas are dropped. Exit code 0 when every projection equals its rebuild,
1 when one differs, 2 on a usage error. --json prints the full report as JSON on stdout.`;

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null));

function describe(d: RowDifference): string {
  const key = Object.entries(d.key)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  if (d.column === null) return `${d.table} [${key}]: ${d.live ? 'in the live table only' : 'in the rebuilt table only'}`;
  return `${d.table} [${key}] ${d.column}: live ${show(d.live)} ≠ rebuilt ${show(d.rebuilt)}`;
}

function report(c: ProjectionComparison): string[] {
  const rows = c.tables.map((t) => `${t.table} ${t.liveRows} ${t.liveRows === 1 ? 'row' : 'rows'}`).join(', ');
  const at = `${c.eventsReplayed} events replayed, compared at ${c.position ?? 'the start of the log'}`;
  if (c.equal) return [`${c.name} (v${c.version}): equal — ${rows}; ${at}`];
  const differing = c.tables.filter((t) => t.differingRows > 0);
  return [
    `${c.name} (v${c.version}): DIFFERENT — ${
      differing.length ? differing.map((t) => `${t.differingRows} of ${Math.max(t.liveRows, t.rebuiltRows)} rows differ in ${t.table}`).join(', ') : c.note
    }; ${at}`,
    ...(differing.length && c.note ? [`  ${c.note}`] : []),
    ...c.differences.map((d) => `  ${describe(d)}`),
  ];
}

/** Rebuild-and-compare: the auditor's proof that every view is what the events say. */
export const rebuildCommand: CliCommand = {
  name: 'rebuild',
  summary: 'rebuild --compare: rebuild every projection from the log and compare it with the live tables',
  usage: USAGE,
  options: { compare: { type: 'boolean' }, projection: { type: 'string' }, json: { type: 'boolean' }, 'batch-size': { type: 'string' } },
  async run({ options }) {
    const batchSize = options['batch-size'] === undefined ? 1000 : Number(options['batch-size']);
    if (options.compare !== true || !Number.isInteger(batchSize) || batchSize < 1) {
      console.error(`usage: ${USAGE}\n\n(rebuilding the live tables is POST /v1/admin/projections/:name/rebuild)`);
      return 2;
    }
    const json = options.json === true;
    const progress = (line: string) => console.error(line);
    // This process only reads the live tables: it must not run projections or reactors of its own.
    const started = await prepareRuntime(loadConfig(undefined, { PROJECTIONS_ENABLED: 'false', LOG_LEVEL: 'error' }), { log: progress });
    const { NestFactory, AppModule } = await loadApp();
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(started.runtime), { logger: ['error', 'warn'] });
    try {
      await app.init();
      const all = app.get<ProjectionDefinition[]>(PROJECTIONS);
      const chosen = typeof options.projection === 'string' ? all.filter((p) => p.name === options.projection) : all;
      if (chosen.length === 0) {
        console.error(`no projection named ${String(options.projection)}; known: ${all.map((p) => p.name).join(', ')}`);
        return 2;
      }
      const dataSource = app.get(DataSource);
      const store = app.get<EventStore>(EVENT_STORE);
      progress(`rebuild --compare: ${chosen.length} projection(s), log head ${(await store.head()) ?? '(empty)'}`);
      const results: ProjectionComparison[] = [];
      for (const definition of chosen) {
        progress(`${definition.name}: rebuilding from the log…`);
        const result = await compareProjection(dataSource, store, definition, { batchSize, onProgress: progress });
        results.push(result);
        if (!json) for (const line of report(result)) console.log(line);
      }
      const differing = results.filter((r) => !r.equal);
      if (json) console.log(JSON.stringify({ equal: differing.length === 0, projections: results }, null, 2));
      else console.log(differing.length ? `${differing.length} of ${results.length} projections differ from the log` : `all ${results.length} projections equal their rebuild from the log`);
      return differing.length ? 1 : 0;
    } finally {
      await app.close();
      await started.stopDatabase();
    }
  },
};
