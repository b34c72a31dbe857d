import pg from 'pg';
import type { Response } from 'supertest';
import type { ConsultationKind } from '../../src/consultations/domain/events.js';
import { STAGES } from '../../src/cycles/domain/events.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import type { StakeholderKind } from '../../src/stakeholders/domain/events.js';
import { bearer, INSTITUTIONS, startTestApp, type TestApp } from './app.js';

/** Albania NAP 2020–2022: the four policy areas and their Lead Focal Point institutions. */
export const POLICY_AREAS = {
  antiCorruption: { name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice },
  digitalGovernance: { name: 'Digital Governance', leadInstitution: INSTITUTIONS.nais },
  accessToJustice: { name: 'Access to Justice', leadInstitution: INSTITUTIONS.services },
  fiscalTransparency: { name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance },
} as const;
export type AreaKey = keyof typeof POLICY_AREAS;

export interface CycleFixture {
  cycleId: string;
  areas: Record<AreaKey, string>;
}

export interface StoredEvent {
  type: string;
  revision: number;
  data: Record<string, unknown>;
  /** The data exactly as stored, to prove what is (not) readable in the database. */
  raw: string;
}

const LFP_SUBS: Record<AreaKey, string> = {
  antiCorruption: 'lfp-moj',
  digitalGovernance: 'lfp-nais',
  accessToJustice: 'lfp-ads',
  fiscalTransparency: 'lfp-mof',
};

/**
 * Sets up the record a test needs, through the HTTP API as a client would: the running service
 * (projections off), a database connection to count and read what was stored, a token for each
 * role, and the cycle, consultations, stakeholders, commitments and contributions to act on.
 */
export class RecordBuilder {
  private constructor(
    readonly t: TestApp,
    readonly db: pg.Client,
    readonly store: EventStore,
    readonly poc: string,
    readonly auditor: string,
    private readonly lfps: Record<AreaKey, string>,
  ) {}

  /** `projections`: run them too (for tests that read views). */
  static async start(options: { projections?: boolean } = {}): Promise<RecordBuilder> {
    const t = await startTestApp({ projections: options.projections ?? false });
    const db = new pg.Client({ connectionString: t.db.url });
    await db.connect();
    const lfps = {} as Record<AreaKey, string>;
    for (const [key, area] of Object.entries(POLICY_AREAS) as [AreaKey, (typeof POLICY_AREAS)[AreaKey]][]) {
      lfps[key] = await t.token({ sub: LFP_SUBS[key], role: 'lfp', institution: area.leadInstitution });
    }
    return new RecordBuilder(
      t,
      db,
      t.app.get<EventStore>(EVENT_STORE),
      await t.token({ sub: 'poc-technical-secretariat', role: 'poc', institution: INSTITUTIONS.poc }),
      await t.token({ sub: 'irm-researcher', role: 'auditor' }),
      lfps,
    );
  }

  async close(): Promise<void> {
    await this.db.end();
    await this.t.close();
  }

  get http() {
    return this.t.http;
  }

  /** The token of the LFP leading the area. */
  lfp(area: AreaKey): string {
    return this.lfps[area];
  }

  /** Every stored event (on PostgreSQL counted in the table: also those not yet visible in log order). */
  async eventCount(): Promise<number> {
    if (!this.t.eventStore) return Number((await this.db.query('SELECT count(*) AS n FROM events')).rows[0].n);
    let n = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.store.readLog({ after, limit: 5000 });
      n += page.length;
      if (page.length < 5000) return n;
      after = page[page.length - 1].position;
    }
  }

  /** A stream's events through the port; `raw` is the data as stored (the adapters store JSON.stringify's text). */
  async streamEvents(streamId: string): Promise<StoredEvent[]> {
    return (await this.store.readStream(streamId)).map((e) => ({ type: e.type, revision: e.revision, data: e.data, raw: JSON.stringify(e.data) }));
  }

  /** A cycle with the four policy areas of the 2020–2022 plan. */
  async openCycle(title = 'Albania NAP 2020–2022'): Promise<CycleFixture> {
    const cycleId = await this.created('/v1/cycles', this.poc, {
      country: 'Albania',
      title,
      periodStart: '2020-09-01',
      periodEnd: '2022-08-31',
      pocInstitution: INSTITUTIONS.poc,
      methodology: "Based on the mechanisms and processes of Albania's Integrated Planning System",
    });
    const areas = {} as Record<AreaKey, string>;
    for (const key of Object.keys(POLICY_AREAS) as AreaKey[]) {
      areas[key] = await this.created(`/v1/cycles/${cycleId}/policy-areas`, this.poc, POLICY_AREAS[key]);
    }
    return { cycleId, areas };
  }

  /** A consultation of the area announced by its LFP (null: one the POC runs, like the NCCS council meeting). */
  async announce(cycle: CycleFixture, area: AreaKey | null, options: { kind?: ConsultationKind; title?: string } = {}): Promise<string> {
    return this.created('/v1/consultations', area === null ? this.poc : this.lfp(area), {
      cycleId: cycle.cycleId,
      ...(area === null ? {} : { policyAreaId: cycle.areas[area] }),
      kind: options.kind ?? 'thematic_meeting',
      title: options.title ?? `${area === null ? 'National Council for Civil Society' : POLICY_AREAS[area].name}: thematic consultation`,
      announcedAt: '2020-09-21T09:00:00Z',
      opensAt: '2020-10-06T09:00:00Z',
      closesAt: '2020-10-06T13:00:00Z',
    });
  }

  async closeConsultation(consultationId: string): Promise<void> {
    await this.done(`/v1/consultations/${consultationId}/closure`, {});
  }

  /** Through every stage to approval by the GMIP, then sent to OGP: the cycle is submitted. */
  async submitPlan(cycle: CycleFixture): Promise<void> {
    for (const stage of STAGES.slice(1, STAGES.indexOf('approval') + 1)) {
      await this.done(`/v1/cycles/${cycle.cycleId}/stage`, { stage });
    }
    await this.done(`/v1/cycles/${cycle.cycleId}/approval`, {
      body: 'Integrated Policy Management Group on Good Governance and Public Administration',
      decisionRef: 'GMIP-2020-12',
      approvedAt: '2020-12-10',
    });
    await this.done(`/v1/cycles/${cycle.cycleId}/submission`, { submittedAt: '2020-12-21' });
  }

  /** Registers a stakeholder and gives it a token of its own. */
  async stakeholder(kind: StakeholderKind, name: string): Promise<{ id: string; token: string }> {
    const id = await this.created('/v1/stakeholders', this.poc, { kind, name });
    return { id, token: await this.t.token({ sub: id, role: 'stakeholder' }) };
  }

  /** A draft commitment of the area, drafted by its LFP. */
  async commitment(cycle: CycleFixture, area: AreaKey, over: Record<string, unknown> = {}): Promise<string> {
    return this.created('/v1/commitments', this.lfp(area), {
      cycleId: cycle.cycleId,
      policyAreaId: cycle.areas[area],
      title: `${POLICY_AREAS[area].name}: open data on public services`,
      problem: 'Citizens cannot see how public bodies act on their requests.',
      description: 'Publish the data as open data on the national portal, updated monthly.',
      ogpValues: ['transparency', 'accountability'],
      milestones: [{ title: 'First dataset published', dueDate: '2021-06-30' }],
      leadInstitution: POLICY_AREAS[area].leadInstitution,
      ...over,
    });
  }

  /** A contribution recorded by `token` (default: the POC). */
  async contribution(consultationId: string, over: Record<string, unknown> = {}, token = this.poc): Promise<string> {
    return this.created('/v1/contributions', token, {
      consultationId,
      channel: 'meeting',
      body: 'Publish the minutes of every thematic meeting within a week.',
      ...over,
    });
  }

  /**
   * Runs a request that must be refused: the problem document's status, code and (optionally) the
   * field it names, and nothing appended to the record.
   */
  async expectRejected(send: () => PromiseLike<Response>, status: number, code: string, field?: string): Promise<Response> {
    const before = await this.eventCount();
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    if (field !== undefined) expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    expect(await this.eventCount()).toBe(before);
    return res;
  }

  /** A creating POST that must answer 201: the new id. */
  private async created(path: string, token: string, body: object): Promise<string> {
    const res = await this.http.post(path).set(bearer(token)).send(body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** A POC command on an existing aggregate that must answer 200. */
  private async done(path: string, body: object): Promise<void> {
    expect((await this.http.post(path).set(bearer(this.poc)).send(body)).status).toBe(200);
  }
}
