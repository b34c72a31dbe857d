import { readModelProgress } from '../../projection-runner/progress.js';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { presentAccountability, visibleTo } from '../../../projections/accountability/accountability.queries.js';
import { AccountabilityRow } from '../../../projections/accountability/accountability.entity.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { ProblemException } from '../../http/problem.js';
import { PersonalTextPresenter } from '../../read-side/personal-text.js';
import { readLogPages } from '../integrity/log-reader.js';
import { metaLine, type ExportStamp } from './export-stamp.js';
import { PUBLIC_EVENT_TYPES, PublicFacts, publicLines } from './public-events.js';
import { csvHeader, csvRecord } from './reasoned-response-csv.js';

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

interface ReasonedResponseRecord {
  cycle_id: string;
  contribution_id: string;
  consultation_id: string;
  policy_area_id: string | null;
  channel: string;
  public_body: string | null;
  decision: string | null;
  rationale: string | null;
  commitment_ids: string[];
  received_key: string;
}

/** Open data: published records only, without personal data, stamped with what they reflect. */
@Injectable()
export class ExportsService {
  private snapshots = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly presenter: PersonalTextPresenter,
  ) {}

  /** Every cycle's published reasoned-response matrix, CSV, cycleId first. */
  async reasonedResponseCsv(): Promise<ExportStream> {
    return this.fromSnapshot('reasoned-response', ['reasoned-response'], async function* (runner) {
      yield csvHeader();
      let after: [string, string, string] | null = null;
      for (;;) {
        // received_at travels as text so the keyset compares exactly what is stored.
        const rows = (await runner.query(
          `SELECT r.cycle_id, r.contribution_id, r.consultation_id, r.policy_area_id, r.channel, r.public_body,
                  r.decision, r.rationale, r.commitment_ids, r.received_at::text AS received_key
             FROM reasoned_response r
            WHERE r.published_at IS NOT NULL AND NOT r.withdrawn
              ${after ? 'AND (r.cycle_id, r.received_at, r.contribution_id) > ($2::uuid, $3::timestamptz, $4::uuid)' : ''}
            ORDER BY r.cycle_id, r.received_at, r.contribution_id LIMIT $1`,
          after ? [PAGE, ...after] : [PAGE],
        )) as ReasonedResponseRecord[];
        const out = rows
          .map((r) =>
            csvRecord({
              cycleId: r.cycle_id,
              contributionId: r.contribution_id,
              consultationId: r.consultation_id,
              policyAreaId: r.policy_area_id,
              channel: r.channel,
              body: r.public_body,
              decision: r.decision,
              rationale: r.rationale,
              commitmentIds: r.commitment_ids,
            }),
          )
          .join('');
        if (out) yield out;
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1];
        after = [last.cycle_id, last.received_key, last.contribution_id];
      }
    });
  }

  /** Published contributions and what became of them, as an anonymous reader sees them. */
  async contributionsNdjson(): Promise<ExportStream> {
    const presenter = this.presenter;
    return this.fromSnapshot('contributions', ['accountability'], async function* (runner, stamp) {
      yield metaLine(stamp);
      let after: [Date, string] | null = null;
      for (;;) {
        const qb = visibleTo(runner.manager.getRepository(AccountabilityRow).createQueryBuilder('a'), PUBLIC);
        if (after) qb.andWhere('(a.received_at, a.contribution_id) > (:at, :id)', { at: after[0], id: after[1] });
        const rows = await qb.orderBy('a.received_at', 'ASC').addOrderBy('a.contribution_id', 'ASC').limit(PAGE).getMany();
        let out = '';
        for (const row of rows) {
          const view = await presentAccountability(row, PUBLIC, presenter);
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
      throw new ProblemException(429, 'EXPORT.BUSY', 'Too Many Requests', 'too many exports are streaming right now; retry in a few seconds', {
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
        throw new ProblemException(503, 'PROJECTION.UNAVAILABLE', 'Service Unavailable', `the ${projection} read model is not available yet; retry shortly`);
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
