import { randomUUID } from 'node:crypto';
import { STAGES } from '../../src/cycles/domain/events.js';
import { bearer, INSTITUTIONS } from './app.js';
import { POLICY_AREAS, RecordBuilder, type CycleFixture } from './record-builder.js';

/**
 * Every write endpoint of the API with a valid body, and the way to make a fresh target for it in
 * the state the command needs: what the fuzz test mutates and the role/scope matrix sends.
 */
export type ActorKey = 'anonymous' | 'poc' | 'lfpIn' | 'lfpOut' | 'stakeholderSelf' | 'stakeholderOther' | 'auditor';
export const ACTORS: ActorKey[] = ['anonymous', 'poc', 'lfpIn', 'lfpOut', 'stakeholderSelf', 'stakeholderOther', 'auditor'];

export type Family = 'cycles' | 'stakeholders' | 'consultations' | 'contributions' | 'reports' | 'commitments' | 'operations';

export interface Target {
  path: string;
  body: Record<string, unknown>;
  /** Sent as it is with this Content-Type instead of as JSON (the NDJSON bulk import). */
  raw?: { contentType: string; text: string };
}

export interface WriteEndpoint {
  name: string;
  family: Family;
  /** Who may send it (in scope): the matrix expects 2xx from these and 401/403 from the rest. */
  allowed: ActorKey[];
  /** Its body is not one JSON object (NDJSON lines): the JSON fuzzing leaves it to its own tests. */
  ndjson?: boolean;
  /** A fresh target in the state the command needs, and a valid body for `actor`. */
  target(fx: WriteFixture, actor: ActorKey): Promise<Target>;
}

const AREA = 'antiCorruption' as const; // led by the Ministry of Justice: lfpIn
const OTHER_AREA = 'fiscalTransparency' as const; // led by the Ministry of Finance: lfpOut
const day = (d: number) => `2020-10-${String(d).padStart(2, '0')}T09:00:00Z`;

/** The record the endpoints act on, built over HTTP as the POC (and the LFPs of two areas). */
export class WriteFixture {
  tokens = {} as Record<Exclude<ActorKey, 'anonymous'>, string>;
  cycle!: CycleFixture;
  self!: string;
  other!: string;
  /** A survey of the area with a text and a choice question, open. */
  survey!: string;
  /** A thematic meeting of the area, open. */
  meeting!: string;

  private constructor(readonly r: RecordBuilder) {}

  static async build(r: RecordBuilder): Promise<WriteFixture> {
    const fx = new WriteFixture(r);
    fx.cycle = await r.openCycle();
    const self = await r.stakeholder('cso', 'Albanian Helsinki Committee');
    const other = await r.stakeholder('cso', 'Institute for Democracy and Mediation');
    fx.self = self.id;
    fx.other = other.id;
    fx.tokens = {
      poc: r.poc,
      lfpIn: r.lfp(AREA),
      lfpOut: r.lfp(OTHER_AREA),
      stakeholderSelf: self.token,
      stakeholderOther: other.token,
      auditor: r.auditor,
    };
    fx.meeting = await r.announce(fx.cycle, AREA);
    fx.survey = await fx.newSurvey();
    return fx;
  }

  headers(actor: ActorKey): Record<string, string> {
    return actor === 'anonymous' ? {} : bearer(this.tokens[actor]);
  }

  /** A POST as the POC that must succeed: the new (or acted-on) id. */
  async ok(path: string, body: object = {}): Promise<string> {
    const res = await this.r.http.post(path).set(bearer(this.r.poc)).send(body);
    if (res.status >= 300) throw new Error(`setup ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  async newCycle(stagesForward = 0): Promise<string> {
    const id = await this.ok('/v1/cycles', {
      country: 'Albania',
      title: `NAP ${randomUUID().slice(0, 8)}`,
      periodStart: '2020-09-01',
      periodEnd: '2022-08-31',
      pocInstitution: INSTITUTIONS.poc,
    });
    for (const stage of STAGES.slice(1, 1 + stagesForward)) await this.ok(`/v1/cycles/${id}/stage`, { stage });
    return id;
  }

  async approvedCycle(): Promise<string> {
    const id = await this.newCycle(STAGES.indexOf('approval'));
    await this.ok(`/v1/cycles/${id}/approval`, { body: 'GMIP', decisionRef: 'GMIP-2020-12', approvedAt: '2020-12-10' });
    return id;
  }

  async newSurvey(): Promise<string> {
    const id = await this.r.announce(this.cycle, AREA, { kind: 'survey', title: `Survey ${randomUUID().slice(0, 8)}` });
    await this.ok(`/v1/consultations/${id}/survey`, surveyBody());
    return id;
  }

  async newContribution(consultation = this.meeting, stakeholderId?: string): Promise<string> {
    return this.ok('/v1/contributions', { consultationId: consultation, channel: 'meeting', body: 'Publish the minutes within a week.', ...(stakeholderId ? { stakeholderId } : {}) });
  }

  async respondedContribution(): Promise<string> {
    const id = await this.newContribution();
    await this.ok(`/v1/contributions/${id}/responses`, { decision: 'noted', rationale: 'Noted for the next plan.' });
    return id;
  }

  async endorsedContribution(): Promise<string> {
    const id = await this.respondedContribution();
    await this.ok(`/v1/contributions/${id}/review`, { verdict: 'endorsed' });
    return id;
  }

  async newCommitment(): Promise<string> {
    return this.r.commitment(this.cycle, AREA);
  }

  async newReport(state: 'draft' | 'submitted' | 'accepted' = 'draft'): Promise<string> {
    const id = await this.ok('/v1/reports', { consultationId: this.meeting, summary: 'Twelve CSOs attended; priorities: asset declarations.' });
    if (state !== 'draft') await this.ok(`/v1/reports/${id}/submission`);
    if (state === 'accepted') await this.ok(`/v1/reports/${id}/acceptance`);
    return id;
  }

  async newStakeholder(): Promise<string> {
    return this.ok('/v1/stakeholders', { kind: 'individual', name: 'Elira Hoxha', email: 'elira@example.org' });
  }
}

export function surveyBody(): Record<string, unknown> {
  return {
    questions: [
      { id: 'q1', text: 'What are the main obstacles to access to justice?', type: 'text' },
      { id: 'q2', text: 'Which area matters most?', type: 'choice', options: ['justice', 'budget'] },
    ],
  };
}

const commitmentBody = (fx: WriteFixture): Record<string, unknown> => ({
  cycleId: fx.cycle.cycleId,
  policyAreaId: fx.cycle.areas[AREA],
  title: 'Asset declarations of senior officials online',
  problem: 'Declarations are on paper only.',
  description: 'A searchable online register.',
  ogpValues: ['transparency', 'accountability'],
  milestones: [{ title: 'Register launched', dueDate: '2021-06-30' }],
  leadInstitution: POLICY_AREAS[AREA].leadInstitution,
  supportingInstitutions: ['High Inspectorate of Declaration and Audit of Assets'],
});

/** The stakeholder actors name the self stakeholder: itself, or (the other) an impersonation. */
const asSelf = (fx: WriteFixture, actor: ActorKey) => (actor === 'stakeholderSelf' ? {} : { stakeholderId: fx.self });

export const WRITE_ENDPOINTS: WriteEndpoint[] = [
  // cycles: the POC's
  { name: 'open cycle', family: 'cycles', allowed: ['poc'], target: async () => ({ path: '/v1/cycles', body: { country: 'Albania', title: 'NAP 2022–2024', periodStart: '2022-09-01', periodEnd: '2024-08-31', pocInstitution: INSTITUTIONS.poc, methodology: 'Integrated Planning System' } }) },
  { name: 'add policy area', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${fx.cycle.cycleId}/policy-areas`, body: { name: `Area ${randomUUID().slice(0, 8)}`, leadInstitution: 'Ministry of Health' } }) },
  { name: 'schedule milestone', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${fx.cycle.cycleId}/milestones`, body: { stage: 'drafting', title: 'Draft plan published', dueDate: '2020-11-30' } }) },
  {
    name: 'complete milestone',
    family: 'cycles',
    allowed: ['poc'],
    target: async (fx) => {
      const mid = await fx.ok(`/v1/cycles/${fx.cycle.cycleId}/milestones`, { stage: 'drafting', title: 'Draft plan published', dueDate: '2020-11-30' });
      return { path: `/v1/cycles/${fx.cycle.cycleId}/milestones/${mid}/completion`, body: { completedAt: '2020-11-28', evidence: 'https://www.opengovpartnership.al/draft' } };
    },
  },
  { name: 'record forum meeting', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${fx.cycle.cycleId}/forum-meetings`, body: { heldAt: '2020-09-15T10:00:00Z', minutesUrl: 'https://ogp.al/minutes.pdf', attendeeIds: [fx.self] } }) },
  { name: 'advance stage', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${await fx.newCycle()}/stage`, body: { stage: 'pre_consultation' } }) },
  { name: 'publish draft plan', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${fx.cycle.cycleId}/draft-plans`, body: { version: randomUUID().slice(0, 8), url: 'https://ogp.al/draft.pdf' } }) },
  { name: 'approve plan', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${await fx.newCycle(STAGES.indexOf('approval'))}/approval`, body: { body: 'GMIP', decisionRef: 'GMIP-2020-12', approvedAt: '2020-12-10' } }) },
  { name: 'submit plan', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${await fx.approvedCycle()}/submission`, body: { submittedAt: '2020-12-21' } }) },
  { name: 'set compliance thresholds', family: 'cycles', allowed: ['poc'], target: async (fx) => ({ path: `/v1/cycles/${fx.cycle.cycleId}/compliance-thresholds`, body: { forumMaxGapDays: 150, consultationNoticeDays: 10 } }) },

  // stakeholders
  { name: 'register stakeholder', family: 'stakeholders', allowed: ['poc', 'lfpIn', 'lfpOut'], target: async () => ({ path: '/v1/stakeholders', body: { kind: 'individual', name: 'Arben Kola', email: 'arben@example.org' } }) },
  { name: 'erase personal data', family: 'stakeholders', allowed: ['poc'], target: async (fx) => ({ path: `/v1/stakeholders/${await fx.newStakeholder()}/erasure`, body: { reason: 'Request under the personal data law, ref. 2021/77' } }) },

  // consultations: the POC and the LFP of the area
  { name: 'announce consultation', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: '/v1/consultations', body: { cycleId: fx.cycle.cycleId, policyAreaId: fx.cycle.areas[AREA], kind: 'thematic_meeting', title: 'Anti-Corruption: thematic meeting', description: 'Asset declarations', announcedAt: day(1), opensAt: day(6), closesAt: day(7) } }) },
  { name: 'invite stakeholders', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/consultations/${await fx.r.announce(fx.cycle, AREA)}/invitations`, body: { stakeholderIds: [fx.self, fx.other] } }) },
  { name: 'publish material', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/consultations/${fx.meeting}/materials`, body: { kind: 'brief', title: 'Policy brief', url: 'https://ogp.al/brief.pdf' } }) },
  { name: 'record attendance', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/consultations/${await fx.r.announce(fx.cycle, AREA)}/attendance`, body: { stakeholderIds: [fx.self], anonymousCount: 3 } }) },
  { name: 'define survey', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/consultations/${await fx.r.announce(fx.cycle, AREA, { kind: 'survey' })}/survey`, body: surveyBody() }) },
  { name: 'submit survey response', family: 'consultations', allowed: ['poc', 'lfpIn', 'stakeholderSelf'], target: async (fx, actor) => ({ path: `/v1/consultations/${fx.survey}/survey-responses`, body: { ...asSelf(fx, actor), answers: [{ questionId: 'q1', value: 'Court fees are too high.' }, { questionId: 'q2', value: 'justice' }] } }) },
  { name: 'close consultation', family: 'consultations', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/consultations/${await fx.r.announce(fx.cycle, AREA)}/closure`, body: {} }) },

  // contributions
  { name: 'receive contribution', family: 'contributions', allowed: ['poc', 'lfpIn', 'stakeholderSelf'], target: async (fx, actor) => ({ path: '/v1/contributions', body: { consultationId: fx.meeting, ...asSelf(fx, actor), channel: 'written', body: 'Publish asset declarations online.', receivedAt: day(6) } }) },
  { name: 'respond', family: 'contributions', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/contributions/${await fx.newContribution()}/responses`, body: { decision: 'accepted', rationale: 'Milestone 2 of the commitment.', commitmentIds: [await fx.newCommitment()] } }) },
  { name: 'review response', family: 'contributions', allowed: ['poc'], target: async (fx) => ({ path: `/v1/contributions/${await fx.respondedContribution()}/review`, body: { verdict: 'revision_requested', comment: 'Say which milestone.' } }) },
  { name: 'publish response', family: 'contributions', allowed: ['poc'], target: async (fx) => ({ path: `/v1/contributions/${await fx.endorsedContribution()}/publication`, body: {} }) },
  { name: 'withdraw contribution', family: 'contributions', allowed: ['stakeholderSelf'], target: async (fx) => ({ path: `/v1/contributions/${await fx.newContribution(fx.meeting, fx.self)}/withdrawal`, body: { reason: 'Sent by mistake' } }) },
  {
    name: 'import contributions',
    family: 'contributions',
    allowed: ['poc', 'lfpIn'],
    ndjson: true,
    target: async (fx) => ({
      path: `/v1/consultations/${fx.meeting}/contributions:import`,
      body: {},
      raw: { contentType: 'application/x-ndjson', text: `${JSON.stringify({ channel: 'online_comment', body: `Imported ${randomUUID()}` })}\n` },
    }),
  },
  { name: 'redact contribution', family: 'contributions', allowed: ['poc'], target: async (fx) => ({ path: `/v1/contributions/${await fx.newContribution()}/redaction`, body: { reason: 'Names a private person' } }) },
  { name: 'mark duplicate', family: 'contributions', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/contributions/${await fx.newContribution()}/duplicate-of`, body: { canonicalId: await fx.newContribution() } }) },

  // reports
  { name: 'draft report', family: 'reports', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: '/v1/reports', body: { consultationId: fx.meeting, summary: 'Twelve CSOs attended.', contributionIds: [await fx.newContribution()] } }) },
  { name: 'submit report', family: 'reports', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/reports/${await fx.newReport()}/submission`, body: {} }) },
  { name: 'give report feedback', family: 'reports', allowed: ['poc'], target: async (fx) => ({ path: `/v1/reports/${await fx.newReport('submitted')}/feedback`, body: { items: [{ section: 'Stakeholder contributions', comment: 'List each CSO comment.' }] } }) },
  { name: 'revise report', family: 'reports', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/reports/${await fx.newReport('submitted')}/revisions`, body: { summary: 'Revised: each comment listed.', contributionIds: [] } }) },
  { name: 'accept report', family: 'reports', allowed: ['poc'], target: async (fx) => ({ path: `/v1/reports/${await fx.newReport('submitted')}/acceptance`, body: {} }) },
  { name: 'publish report', family: 'reports', allowed: ['poc'], target: async (fx) => ({ path: `/v1/reports/${await fx.newReport('accepted')}/publication`, body: { url: 'https://ogp.al/report.pdf' } }) },

  // commitments
  { name: 'draft commitment', family: 'commitments', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: '/v1/commitments', body: commitmentBody(fx) }) },
  { name: 'revise commitment', family: 'commitments', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/commitments/${await fx.newCommitment()}/revisions`, body: { title: `Revised ${randomUUID().slice(0, 8)}`, milestones: [{ title: 'Register launched', dueDate: '2021-09-30' }], inResponseTo: [await fx.newContribution()] } }) },
  { name: 'withdraw commitment', family: 'commitments', allowed: ['poc', 'lfpIn'], target: async (fx) => ({ path: `/v1/commitments/${await fx.newCommitment()}/withdrawal`, body: { reason: 'Merged into another commitment' } }) },

  // operations and audit (append nothing, but are writes of the API all the same)
  { name: 'rebuild projection', family: 'operations', allowed: ['poc'], target: async () => ({ path: '/v1/admin/projections/cycles/rebuild', body: {} }) },
  { name: 'verify digest', family: 'operations', allowed: ['poc', 'auditor'], target: async () => ({ path: '/v1/audit/verify', body: { position: '0:0', sha256: '0'.repeat(64) } }) },
];
