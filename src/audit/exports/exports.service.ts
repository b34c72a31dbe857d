import { readModelProgress } from '../../projection-runner/progress.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { namesFor, presentAccountability, visibleTo } from '../../../projections/accountability/accountability.queries.js';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { readLogPages } from '../integrity/log-reader.js';
import { metaLine, type ExportStamp } from './export-stamp.js';
import { PUBLIC_EVENT_TYPES, PublicFacts, publicLines } from './public-events.js';
import { matrixItems, matrixRecord, REASONED_RESPONSE_COLUMNS } from '../../../projections/reasoned-response/reasoned-response.queries.js';
import { csvHeader } from '../../read-side/csv.js';
import { DomainError } from '../../shared/domain-error.js';

export interface ExportStream {
  stamp: ExportStamp;
  chunks: AsyncIterable<string>;
  /** Ends the export's snapshot, if it holds one (idempotent). */
  release(): Promise<void>;
}

const PAGE = 500;
/** Events per page of the public log: each page costs one or two look-ups besides its read. */
const EVENTS_PAGE = 2000;
/** Read-model exports hold a connection and a snapshot while they stream: at most this many at once. */
const MAX_SNAPSHOT_EXPORTS = 4;
const PUBLIC = { kind: 'public' } as const;

/** The contract's columns (DESIGN.md §5 and after), prefixed by the cycle: the export spans every cycle. */
const EXPORT_COLUMNS = ['cycleId', ...REASONED_RESPONSE_COLUMNS] as const;

/** Open data: published records only, without personal data, stamped with what they reflect. */
@Injectable()
export class ExportsService {
  private snapshots = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  /** Every cycle's published reasoned-response matrix, CSV (UTF-8 with a BOM unless `bom` is false), cycleId first. */
  async reasonedResponseCsv(bom = true): Promise<ExportStream> {
    return this.fromSnapshot('reasoned-response', ['accountability', 'cycles', 'directory'], async function* (runner) {
      yield csvHeader(EXPORT_COLUMNS, bom);
      let after: [string, Date, string] | null = null;
      for (;;) {
        const qb = runner.manager.createQueryBuilder(AccountabilityRow, 'r').where('r.published_at IS NOT NULL AND NOT r.withdrawn');
        if (after) qb.andWhere('(r.cycle_id, r.received_at, r.contribution_id) > (:cycle, :at, :id)', { cycle: after[0], at: after[1], id: after[2] });
        const rows = await qb.orderBy('r.cycle_id', 'ASC').addOrderBy('r.received_at', 'ASC').addOrderBy('r.contribution_id', 'ASC').limit(PAGE).getMany();
        const out = (await matrixItems(runner.manager, rows)).map((item) => matrixRecord(item, EXPORT_COLUMNS)).join('');
        if (out) yield out;
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = [last.cycleId, last.receivedAt, last.contributionId];
      }
    });
  }

  /** Published contributions and what became of them, as an anonymous reader sees them. */
  async contributionsNdjson(): Promise<ExportStream> {
    const presenter = this.presenter;
    return this.fromSnapshot('contributions', ['accountability', 'directory'], async function* (runner, stamp) {
      yield metaLine(stamp);
      let after: [Date, string] | null = null;
      for (;;) {
        const qb = visibleTo(runner.manager.getRepository(AccountabilityRow).createQueryBuilder('a'), PUBLIC);
        if (after) qb.andWhere('(a.received_at, a.contribution_id) > (:at, :id)', { at: after[0], id: after[1] });
        const rows = await qb.orderBy('a.received_at', 'ASC').addOrderBy('a.contribution_id', 'ASC').limit(PAGE).getMany();
        const names = await namesFor(runner.manager, rows);
        let out = '';
        for (const row of rows) {
          const view = await presentAccountability(row, PUBLIC, presenter, names);
          if (view) out += `${JSON.stringify(view)}\n`;
        }
        if (out) yield out;
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = [last.receivedAt, last.contributionId];
      }
    });
  }

  /** The public event log (see public-events.ts), up to the head at the start. */
  async eventsNdjson(): Promise<ExportStream> {
    const upTo = await this.store.head();
    const stamp: ExportStamp = { export: 'events', position: upTo, projections: {}, generatedAt: new Date().toISOString() };
    const store = this.store;
    async function* chunks(): AsyncGenerator<string> {
      yield metaLine(stamp);
      if (!upTo) return;
      // No snapshot needed: at or below the head the log no longer changes.
      const facts = new PublicFacts(store, upTo);
      for await (const page of readLogPages(store, { upTo, types: PUBLIC_EVENT_TYPES }, EVENTS_PAGE)) {
        const lines = await publicLines(facts, page);
        if (lines) yield lines;
      }
    }
    return { stamp, chunks: chunks(), release: async () => undefined };
  }

  /**
   * Reads a read-model export in one REPEATABLE READ snapshot, so that its rows and the
   * projection checkpoints in its stamp belong together however long the download takes.
   */
  private async fromSnapshot(
    name: string,
    projections: string[],
    produce: (runner: QueryRunner, stamp: ExportStamp) => AsyncGenerator<string>,
  ): Promise<ExportStream> {
    if (this.snapshots >= MAX_SNAPSHOT_EXPORTS) {
      throw new DomainError('EXPORT.BUSY', 'too many exports are streaming right now; retry in a few seconds', 'busy', {
        retryAfterSeconds: 5,
      });
    }
    this.snapshots++;
    const runner = this.dataSource.createQueryRunner();
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      this.snapshots--;
      await runner.query('COMMIT').catch(() => undefined);
      await runner.release();
    };
    try {
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const stamp = await this.stamp(runner, name, projections);
      const body = produce(runner, stamp);
      async function* chunks(): AsyncGenerator<string> {
        try {
          yield* body;
        } finally {
          await release();
        }
      }
      return { stamp, chunks: chunks(), release };
    } catch (error) {
      await release();
      throw error;
    }
  }

  private async stamp(runner: QueryRunner, name: string, projections: string[]): Promise<ExportStamp> {
    const progress = await readModelProgress(runner, projections);
    const stamp: ExportStamp = { export: name, position: null, projections: {}, generatedAt: new Date().toISOString() };
    for (const projection of projections) {
      const row = progress.get(projection);
      if (!row) {
        throw new DomainError('PROJECTION.UNAVAILABLE', `the ${projection} read model is not available yet; retry shortly`, 'unavailable');
      }
      stamp.projections[projection] = { version: row.version, position: row.seen };
    }
    // Several read models: the export reflects the log as far as the slowest of them has seen it.
    const seen = Object.values(stamp.projections).map((p) => p.position);
    if (seen.every((p): p is string => p !== null)) {
      stamp.position = seen.reduce((min, p) => (this.store.comparePositions(p, min) < 0 ? p : min));
    }
    return stamp;
  }
}
