/**
 * Replays Albania's 2020–2022 OGP action plan process through the HTTP API, as the people of the
 * seed documents would have recorded it: the POC's calendar, the LFPs' surveys and thematic
 * meetings, every contribution and its reasoned response, reports with POC feedback, commitments
 * and their revisions, the public consultation, approval and submission. No forum meetings: the
 * OGP review found Albania had no multi-stakeholder forum, and the record must show it.
 *
 * Re-runnable: every POST carries `Idempotency-Key: <prefix>:<step>`, and the service derives the
 * ids it makes from that key, so a second run gets the same answers and appends nothing.
 */
import type { ContributionStatus } from '../src/contributions/domain/contribution.decider.js';
import { signToken, type TokenClaims } from '../src/security/tokens.js';
import type { DemoClient, DemoResponse } from './client.js';
import {
  APPROVAL,
  areaOf,
  AREAS,
  at,
  COMMITMENTS,
  COUNCIL_MEETING,
  COUNCIL_REMARKS,
  CYCLE,
  DECISIONS,
  DRAFT_PLANS,
  MEETINGS,
  MILESTONES,
  PARTICIPATION_OPTIONS,
  POC_INSTITUTION,
  PUBLIC_COMMENTS,
  PUBLIC_CONSULTATION,
  REPORT_FEEDBACK_ROUNDS,
  STAGE_DATES,
  stakeholders,
  SUBMISSION,
  SURVEY_ECHOES,
  SURVEY_ENGAGEMENT,
  SURVEY_PROPOSALS,
  surveyQuestions,
  WEB,
  type AreaKey,
  type AreaSpec,
  type ContributionText,
  type Decision,
  type MaterialKind,
  type MeetingSpec,
  type Stage,
  type StakeholderSpec,
} from './data.js';

export type { DemoClient, DemoRequest, DemoResponse } from './client.js';

export interface DemoOptions {
  /** The HS256 secret the service verifies tokens with. */
  jwtSecret: string;
  /** Requests in flight at most (default 12). */
  concurrency?: number;
  /** Idempotency-Key prefix (default `demo-2020`): another prefix records a second, separate cycle. */
  keyPrefix?: string;
  /** One line per phase. */
  log?: (line: string) => void;
}

/** Contributions later tests look for, by what happened to them. Values are contribution ids. */
export interface NamedContributions {
  accepted: string;
  partiallyAccepted: string;
  notAccepted: string;
  outOfScope: string;
  alreadyAddressed: string;
  noted: string;
  /** Marked duplicate of `canonical` (a survey answer), never answered itself. */
  duplicate: string;
  canonical: string;
  /** Withdrawn by its author with a stakeholder token. */
  withdrawn: string;
  /** The POC asked for a revision, the LFP revised its response, the POC endorsed it, published. */
  revisionRequested: string;
  /** No response at all (an NCCS remark). */
  unanswered: string;
  /** Arrived after the public consultation closed; unanswered. */
  late: string;
  /** Responded, not reviewed yet. */
  unreviewed: string;
  /** Endorsed, not published. */
  unpublished: string;
  /** Submitted by an individual: its text is personal data. */
  individual: string;
  /** Recorded from the minutes without a stakeholder. */
  anonymous: string;
  /** A free-text survey answer that became a contribution. */
  surveyAnswer: string;
}

const NAMED_KEYS: Record<keyof NamedContributions, string> = {
  accepted: 'm1-1',
  partiallyAccepted: 'm1-2',
  notAccepted: 'm1-3',
  outOfScope: 'm2-4',
  alreadyAddressed: 'm1-4',
  noted: 'm1-5',
  duplicate: 'm1-6',
  canonical: 'survey-ac-r00-q3',
  withdrawn: 'pc-11',
  revisionRequested: 'm4-4',
  unanswered: 'nc-5',
  late: 'pc-13',
  unreviewed: 'nc-1',
  unpublished: 'nc-3',
  individual: 'pc-7',
  anonymous: 'm2-6',
  surveyAnswer: 'survey-dg-r00-q3',
};

export type { ContributionStatus };

export interface DemoSummary {
  stakeholders: number;
  stakeholdersByKind: Record<string, number>;
  consultations: number;
  consultationsByKind: Record<string, number>;
  invitations: number;
  invitedStakeholders: number;
  attendance: number;
  materials: number;
  surveyResponses: number;
  contributions: number;
  /** Current decision of each contribution answered in its own right. */
  byDecision: Record<Decision, number>;
  byStatus: Record<ContributionStatus, number>;
  duplicates: number;
  withdrawn: number;
  late: number;
  unanswered: number;
  revisionRequests: number;
  reports: number;
  reportsPublished: number;
  reportFeedbackRounds: number;
  commitments: number;
  commitmentRevisions: number;
  milestones: number;
  milestonesCompleted: number;
  forumMeetings: number;
  stage: Stage;
  requests: number;
  /** Answers the service replayed from an earlier run (Idempotent-Replayed). */
  replayed: number;
}

export interface DemoResult {
  cycleId: string;
  policyAreas: Record<AreaKey, string>;
  /** Stakeholder key (e.g. `cso-ac-01`) → id. */
  stakeholders: Record<string, string>;
  /** `survey-ac`…, `m1`…`m7`, `public`, `council` → id. */
  consultations: Record<string, string>;
  commitments: Record<string, string>;
  /** Same keys as consultations. */
  reports: Record<string, string>;
  /** Every contribution: key (e.g. `m1-3`, `pc-8`, `survey-ft-r02-q3`) → id. */
  contributions: Record<string, string>;
  named: NamedContributions;
  /** Every step's answered id, for comparing runs. */
  ids: Record<string, string>;
  /** Log position of the submission, the last command: pass it as consistentWith to read the record. */
  position: string;
  /** The actors the demo signed tokens for (sign your own with the same secret). */
  actors: { poc: TokenClaims; lfp: Record<AreaKey, TokenClaims> };
  summary: DemoSummary;
  durationMs: number;
}

export class DemoError extends Error {
  constructor(
    readonly step: string,
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(
      `demo step "${step}" failed: ${method} ${path} ${status === 0 ? 'got no answer' : `answered ${status}`}\n` +
        (typeof body === 'string' ? body : JSON.stringify(body, null, 2)),
    );
    this.name = 'DemoError';
  }
}

interface Answer {
  id: string;
  revision: number;
  position: string;
  [extra: string]: unknown;
}

interface ContributionRecord {
  key: string;
  id: string;
  consultation: string;
  decision: Decision | null;
  status: ContributionStatus;
  late: boolean;
  responses: number;
}

const DAY = 86_400_000;

/** An instant `days` (and `minutes`) after `iso`, in the same second-precision UTC form. */
const shift = (iso: string, days: number, minutes = 0): string =>
  new Date(Date.parse(iso) + days * DAY + minutes * 60_000).toISOString().replace('.000Z', 'Z');

const latest = (...isos: string[]): string => isos.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Caps the requests in flight; a finished request hands its slot straight to the next waiter. */
class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.max) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class DemoRun {
  private readonly limiter: Limiter;
  private readonly prefix: string;
  private readonly tokens = new Map<string, Promise<string>>();
  private failure: Error | undefined;
  private readonly started = Date.now();

  readonly poc: TokenClaims = { sub: 'demo-2020-poc', role: 'poc', institution: POC_INSTITUTION };
  readonly lfp = Object.fromEntries(
    AREAS.map((a) => [a.key, { sub: `demo-2020-lfp-${a.key}`, role: 'lfp', institution: a.lead } satisfies TokenClaims]),
  ) as Record<AreaKey, TokenClaims>;

  readonly ids: Record<string, string> = {};
  cycleId = '';
  readonly areaIds = {} as Record<AreaKey, string>;
  readonly milestoneIds: Record<string, string> = {};
  readonly stakeholderSpecs: StakeholderSpec[] = stakeholders();
  readonly stakeholderIds: Record<string, string> = {};
  readonly consultationIds: Record<string, string> = {};
  readonly consultationKinds: Record<string, string> = {};
  readonly commitmentIds: Record<string, string> = {};
  readonly reportIds: Record<string, string> = {};
  readonly contributions = new Map<string, ContributionRecord>();
  readonly invited = new Set<string>();
  readonly counts = {
    requests: 0,
    replayed: 0,
    invitations: 0,
    attendance: 0,
    materials: 0,
    surveyResponses: 0,
    revisionRequests: 0,
    reportsPublished: 0,
    reportFeedbackRounds: 0,
    commitmentRevisions: 0,
    milestonesCompleted: 0,
  };
  stage: Stage = 'preparation';
  position = '';

  constructor(
    private readonly client: DemoClient,
    private readonly options: DemoOptions,
  ) {
    this.limiter = new Limiter(Math.max(1, options.concurrency ?? 12));
    this.prefix = options.keyPrefix ?? 'demo-2020';
  }

  elapsed(): number {
    return Date.now() - this.started;
  }

  private token(actor: TokenClaims): Promise<string> {
    const cacheKey = `${actor.role}|${actor.sub}|${actor.institution ?? ''}`;
    let token = this.tokens.get(cacheKey);
    if (!token) {
      // Long enough for a slow run; the demo never outlives it.
      token = signToken(this.options.jwtSecret, actor, '2h');
      this.tokens.set(cacheKey, token);
    }
    return token;
  }

  stakeholderActor(key: string): TokenClaims {
    return { sub: this.stakeholder(key), role: 'stakeholder' };
  }

  stakeholder(key: string): string {
    const id = this.stakeholderIds[key];
    if (!id) throw new Error(`demo bug: stakeholder ${key} is not registered`);
    return id;
  }

  contribution(key: string): ContributionRecord {
    const c = this.contributions.get(key);
    if (!c) throw new Error(`demo bug: contribution ${key} was not recorded`);
    return c;
  }

  commitment(key: string): string {
    const id = this.commitmentIds[key];
    if (!id) throw new Error(`demo bug: commitment ${key} was not drafted`);
    return id;
  }

  /** One command. Any non-2xx answer stops the whole run with the step name and the problem body. */
  async post(step: string, path: string, actor: TokenClaims, body: Record<string, unknown>): Promise<Answer> {
    if (this.failure) throw this.failure;
    if (step in this.ids) throw new Error(`demo bug: step "${step}" used twice`);
    this.ids[step] = '';
    const token = await this.token(actor);
    const headers = { 'Idempotency-Key': `${this.prefix}:${step}` };
    let res: DemoResponse;
    try {
      res = await this.limiter.run(async () => {
        for (let attempt = 0; ; attempt++) {
          const answer = await this.client.send({ method: 'POST', path, token, headers, body });
          // An earlier run died holding this key's lease: wait for it to expire (30 s at most).
          const code = (answer.body as { code?: unknown } | null)?.code;
          if (answer.status === 409 && code === 'IDEMPOTENCY.IN_PROGRESS' && attempt < 70) {
            await sleep(500);
            continue;
          }
          return answer;
        }
      });
    } catch (error) {
      const failure = new DemoError(step, 'POST', path, 0, String((error as Error).cause ?? error));
      this.failure ??= failure;
      throw failure;
    }
    this.counts.requests++;
    if (res.headers['idempotent-replayed'] === 'true') this.counts.replayed++;
    const answer = res.body as Answer | null;
    if (res.status < 200 || res.status >= 300 || !answer || typeof answer.id !== 'string') {
      const failure = new DemoError(step, 'POST', path, res.status, res.body);
      this.failure ??= failure;
      throw failure;
    }
    this.ids[step] = answer.id;
    return answer;
  }

  // --- cycle -------------------------------------------------------------------------------------

  async openCycle(): Promise<void> {
    const { openedAt, ...fields } = CYCLE;
    this.cycleId = (await this.post('cycle/open', '/v1/cycles', this.poc, { ...fields, occurredAt: openedAt })).id;
    for (const [i, area] of AREAS.entries()) {
      const answer = await this.post(`cycle/policy-area/${area.key}`, `/v1/cycles/${this.cycleId}/policy-areas`, this.poc, {
        name: area.name,
        leadInstitution: area.lead,
        occurredAt: at('2020-07-02', `${pad2(9 + i)}:00`),
      });
      this.areaIds[area.key] = answer.id;
    }
    // The management calendar, published in advance of every consultation.
    for (const [i, m] of MILESTONES.entries()) {
      const answer = await this.post(`cycle/milestone/${m.key}/schedule`, `/v1/cycles/${this.cycleId}/milestones`, this.poc, {
        stage: m.stage,
        title: m.title,
        dueDate: m.dueDate,
        occurredAt: shift(at('2020-07-03'), 0, i * 5),
      });
      this.milestoneIds[m.key] = typeof answer.milestoneId === 'string' ? answer.milestoneId : answer.id;
    }
  }

  async completeMilestone(key: string): Promise<void> {
    const m = MILESTONES.find((x) => x.key === key);
    if (!m) throw new Error(`demo bug: no milestone ${key}`);
    await this.post(`cycle/milestone/${key}/complete`, `/v1/cycles/${this.cycleId}/milestones/${this.milestoneIds[key]}/completion`, this.poc, {
      evidence: m.evidence,
      occurredAt: m.completedAt,
    });
    this.counts.milestonesCompleted++;
  }

  async advanceTo(stage: Stage): Promise<void> {
    const when = STAGE_DATES.find((s) => s.stage === stage);
    if (!when) throw new Error(`demo bug: no date for stage ${stage}`);
    await this.post(`cycle/stage/${stage}`, `/v1/cycles/${this.cycleId}/stage`, this.poc, { stage, occurredAt: when.at });
    this.stage = stage;
  }

  // --- consultations -----------------------------------------------------------------------------

  async announce(
    key: string,
    actor: TokenClaims,
    fields: { area: AreaKey | null; kind: string; title: string; description?: string; announcedAt: string; opensAt: string; closesAt: string },
  ): Promise<string> {
    const answer = await this.post(`consultation/${key}/announce`, '/v1/consultations', actor, {
      cycleId: this.cycleId,
      ...(fields.area ? { policyAreaId: this.areaIds[fields.area] } : {}),
      kind: fields.kind,
      title: fields.title,
      ...(fields.description ? { description: fields.description } : {}),
      announcedAt: fields.announcedAt,
      opensAt: fields.opensAt,
      closesAt: fields.closesAt,
      occurredAt: fields.announcedAt,
    });
    this.consultationIds[key] = answer.id;
    this.consultationKinds[key] = fields.kind;
    return answer.id;
  }

  async material(consultation: string, name: string, actor: TokenClaims, kind: MaterialKind, title: string, url: string, when: string): Promise<void> {
    await this.post(`consultation/${consultation}/material/${name}`, `/v1/consultations/${this.consultationIds[consultation]}/materials`, actor, {
      kind,
      title,
      url,
      occurredAt: when,
    });
    this.counts.materials++;
  }

  /** Invitations in batches of 100 (one letter per batch), so no request body grows with the register. */
  async invite(consultation: string, actor: TokenClaims, keys: string[], when: string): Promise<void> {
    const ids = [...new Set(keys)].map((k) => this.stakeholder(k));
    for (let i = 0; i * 100 < ids.length; i++) {
      const batch = ids.slice(i * 100, (i + 1) * 100);
      await this.post(`consultation/${consultation}/invite-${i + 1}`, `/v1/consultations/${this.consultationIds[consultation]}/invitations`, actor, {
        stakeholderIds: batch,
        occurredAt: shift(when, 0, i),
      });
    }
    this.counts.invitations += ids.length;
    ids.forEach((id) => this.invited.add(id));
  }

  async attendance(consultation: string, actor: TokenClaims, keys: string[], anonymousCount: number, when: string): Promise<void> {
    await this.post(`consultation/${consultation}/attendance`, `/v1/consultations/${this.consultationIds[consultation]}/attendance`, actor, {
      stakeholderIds: keys.map((k) => this.stakeholder(k)),
      anonymousCount,
      occurredAt: when,
    });
    this.counts.attendance += keys.length + anonymousCount;
  }

  async close(consultation: string, actor: TokenClaims, when: string): Promise<void> {
    await this.post(`consultation/${consultation}/close`, `/v1/consultations/${this.consultationIds[consultation]}/closure`, actor, { occurredAt: when });
  }

  // --- contributions -----------------------------------------------------------------------------

  async receive(
    key: string,
    consultation: string,
    actor: TokenClaims,
    fields: { stakeholder?: string | null; channel: string; body: string; commitment?: string; receivedAt: string; occurredAt?: string; late?: boolean },
  ): Promise<void> {
    const answer = await this.post(`contribution/${key}/receive`, '/v1/contributions', actor, {
      consultationId: this.consultationIds[consultation],
      // A stakeholder submits as itself; poc/lfp name the stakeholder, or no one (anonymous).
      ...(fields.stakeholder ? { stakeholderId: this.stakeholder(fields.stakeholder) } : {}),
      channel: fields.channel,
      body: fields.body,
      ...(fields.commitment ? { commitmentId: this.commitment(fields.commitment) } : {}),
      receivedAt: fields.receivedAt,
      ...(fields.late ? { late: true } : {}),
      occurredAt: fields.occurredAt ?? fields.receivedAt,
    });
    this.addContribution(key, answer.id, consultation, fields.late === true);
  }

  addContribution(key: string, id: string, consultation: string, late = false): void {
    if (this.contributions.has(key)) throw new Error(`demo bug: contribution ${key} recorded twice`);
    this.contributions.set(key, { key, id, consultation, decision: null, status: 'received', late, responses: 0 });
  }

  private responseBody(spec: { decision: Decision; rationale: string; commitments?: string[] }, when: string) {
    return {
      decision: spec.decision,
      rationale: spec.rationale,
      ...(spec.commitments?.length ? { commitmentIds: spec.commitments.map((k) => this.commitment(k)) } : {}),
      occurredAt: when,
    };
  }

  /**
   * The reasoned-response chain of one contribution: respond (the POC may send a first response
   * back for revision), endorse, publish — stopping where `flow` says.
   */
  async answer(
    key: string,
    responder: TokenClaims,
    spec: ContributionText,
    dates: { respondedAt: string; reviewedAt: string; publishedAt: string },
    flow: 'published' | 'endorsed' | 'responded' = 'published',
  ): Promise<void> {
    const c = this.contribution(key);
    if (!spec.decision || !spec.rationale) throw new Error(`demo bug: contribution ${key} has no response in the data`);
    const final = { decision: spec.decision, rationale: spec.rationale, commitments: spec.commitments };
    const path = `/v1/contributions/${c.id}`;
    let respondedAt = dates.respondedAt;
    if (spec.sentBack) {
      await this.post(`contribution/${key}/respond-1`, `${path}/responses`, responder, this.responseBody(spec.sentBack, respondedAt));
      await this.post(`contribution/${key}/review-1`, `${path}/review`, this.poc, {
        verdict: 'revision_requested',
        comment: spec.sentBack.comment,
        occurredAt: shift(respondedAt, 1),
      });
      this.counts.revisionRequests++;
      c.responses = 1;
      c.status = 'revision_requested';
      respondedAt = shift(respondedAt, 2);
    }
    const n = c.responses + 1;
    await this.post(`contribution/${key}/respond-${n}`, `${path}/responses`, responder, this.responseBody(final, respondedAt));
    c.responses = n;
    c.decision = final.decision;
    c.status = 'responded';
    if (flow === 'responded') return;
    const reviewedAt = latest(dates.reviewedAt, shift(respondedAt, 1));
    await this.post(`contribution/${key}/review-${n}`, `${path}/review`, this.poc, { verdict: 'endorsed', occurredAt: reviewedAt });
    c.status = 'endorsed';
    if (flow === 'endorsed') return;
    await this.post(`contribution/${key}/publish`, `${path}/publication`, this.poc, { occurredAt: latest(dates.publishedAt, shift(reviewedAt, 1)) });
    c.status = 'published';
  }

  async markDuplicate(key: string, canonicalKey: string, actor: TokenClaims, when: string): Promise<void> {
    const c = this.contribution(key);
    await this.post(`contribution/${key}/duplicate-of`, `/v1/contributions/${c.id}/duplicate-of`, actor, {
      canonicalId: this.contribution(canonicalKey).id,
      occurredAt: when,
    });
    c.status = 'duplicate';
  }

  // --- commitments and reports -------------------------------------------------------------------

  async draftCommitments(): Promise<void> {
    await Promise.all(
      COMMITMENTS.map(async (spec) => {
        const answer = await this.post(`commitment/${spec.key}/draft`, '/v1/commitments', this.lfp[spec.area], {
          cycleId: this.cycleId,
          policyAreaId: this.areaIds[spec.area],
          title: spec.title,
          problem: spec.problem,
          description: spec.description,
          ogpValues: spec.ogpValues,
          milestones: spec.milestones,
          leadInstitution: spec.leadInstitution,
          supportingInstitutions: spec.supportingInstitutions,
          occurredAt: spec.draftedAt,
        });
        this.commitmentIds[spec.key] = answer.id;
      }),
    );
  }

  /** The revisions dated in [from, to), per commitment in order, commitments in parallel. */
  async reviseCommitments(from: string, to: string): Promise<void> {
    await Promise.all(
      COMMITMENTS.map(async (spec) => {
        for (const [i, rev] of spec.revisions.entries()) {
          if (rev.at < from || rev.at >= to) continue;
          await this.post(`commitment/${spec.key}/revise-${i + 1}`, `/v1/commitments/${this.commitment(spec.key)}/revisions`, this.lfp[spec.area], {
            ...(rev.title ? { title: rev.title } : {}),
            ...(rev.description ? { description: rev.description } : {}),
            ...(rev.milestones ? { milestones: rev.milestones } : {}),
            inResponseTo: rev.inResponseTo.map((k) => this.contribution(k).id),
            occurredAt: rev.at,
          });
          this.counts.commitmentRevisions++;
        }
      }),
    );
  }

  /**
   * One consultation report: drafted by `author`, submitted, `rounds` of POC feedback each followed
   * by a revision and a resubmission, accepted and published by the POC.
   */
  async report(consultation: string, author: TokenClaims, title: string, draftedAt: string, rounds: number): Promise<void> {
    // By key, not by arrival: parallel receives finish in any order, and the body must not change between runs.
    const contributions = [...this.contributions.values()]
      .filter((c) => c.consultation === consultation)
      .sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
    const base = `report/${consultation}`;
    const summary = this.reportSummary(title, contributions);
    const answer = await this.post(`${base}/draft`, '/v1/reports', author, {
      consultationId: this.consultationIds[consultation],
      summary,
      contributionIds: contributions.map((c) => c.id),
      occurredAt: draftedAt,
    });
    const path = `/v1/reports/${answer.id}`;
    this.reportIds[consultation] = answer.id;
    await this.post(`${base}/submit-1`, `${path}/submission`, author, { occurredAt: shift(draftedAt, 1) });
    for (let round = 0; round < rounds; round++) {
      const items = REPORT_FEEDBACK_ROUNDS[round % REPORT_FEEDBACK_ROUNDS.length];
      await this.post(`${base}/feedback-${round + 1}`, `${path}/feedback`, this.poc, { items, occurredAt: shift(draftedAt, 2 + 2 * round) });
      this.counts.reportFeedbackRounds++;
      await this.post(`${base}/revise-${round + 1}`, `${path}/revisions`, author, {
        summary: `${summary} Revised after POC feedback (${items.map((i) => i.section.toLowerCase()).join(', ')}).`,
        occurredAt: shift(draftedAt, 3 + 2 * round),
      });
      await this.post(`${base}/submit-${round + 2}`, `${path}/submission`, author, { occurredAt: shift(draftedAt, 3 + 2 * round, 120) });
    }
    const acceptedAt = shift(draftedAt, 3 + 2 * rounds);
    await this.post(`${base}/accept`, `${path}/acceptance`, this.poc, { occurredAt: acceptedAt });
    await this.post(`${base}/publish`, `${path}/publication`, this.poc, {
      url: `${WEB}/reports/${consultation}.pdf`,
      occurredAt: shift(acceptedAt, 1),
    });
    this.counts.reportsPublished++;
  }

  private reportSummary(title: string, contributions: ContributionRecord[]): string {
    const decided = new Map<string, number>();
    for (const c of contributions) if (c.decision && c.status !== 'duplicate') decided.set(c.decision, (decided.get(c.decision) ?? 0) + 1);
    const decisions = DECISIONS.filter((d) => decided.has(d))
      .map((d) => `${decided.get(d)} ${d.replaceAll('_', ' ')}`)
      .join(', ');
    return (
      `${title}. ${contributions.length} contributions recorded in the report template` +
      (decisions ? `; responses so far: ${decisions}.` : '; responses follow once the commitments are drafted.')
    );
  }
}

// ---------------------------------------------------------------------------------------------

/** Survey respondents of an area: ten CSOs, one academic, one citizen, two anonymous questionnaires. */
function surveyRespondents(run: DemoRun, area: AreaKey): (StakeholderSpec | null)[] {
  const csos = run.stakeholderSpecs.filter((s) => s.kind === 'cso' && s.area === area);
  const academic = run.stakeholderSpecs.find((s) => s.kind === 'academia' && s.area === area);
  const citizen = run.stakeholderSpecs.find((s) => s.kind === 'individual' && s.area === area);
  if (!academic || !citizen) throw new Error(`demo bug: no academic or citizen in ${area}`);
  return [...Array.from({ length: 10 }, (_, r) => csos[(r * 4) % csos.length]), academic, citizen, null, null];
}

/** Twelve CSOs of the area (a different set per meeting), an academic and, if any, an international partner. */
function meetingAttendees(run: DemoRun, meeting: MeetingSpec, index: number): string[] {
  const csos = run.stakeholderSpecs.filter((s) => s.kind === 'cso' && s.area === meeting.area);
  const others = run.stakeholderSpecs.filter((s) => (s.kind === 'academia' || s.kind === 'international') && s.area === meeting.area);
  return [...Array.from({ length: 12 }, (_, j) => csos[(index + 3 * j) % csos.length].key), ...others.slice(0, 2).map((s) => s.key)];
}

/** Who posted each public comment: CSOs across areas, and one citizen (its comment is personal data). */
function commenter(run: DemoRun, n: number): string {
  if (n === 6) return 'ind-03';
  const csos = run.stakeholderSpecs.filter((s) => s.kind === 'cso');
  return csos[(n * 13) % csos.length].key;
}

/** The CSO members of the National Council for Civil Society. */
function councilMembers(run: DemoRun): string[] {
  const csos = run.stakeholderSpecs.filter((s) => s.kind === 'cso');
  return Array.from({ length: 13 }, (_, n) => csos[(n * 29) % csos.length].key);
}

async function phase(log: (line: string) => void, n: number, name: string, body: () => Promise<string>): Promise<void> {
  const t0 = Date.now();
  const detail = await body();
  log(`phase ${n}/9 ${name}: ${detail} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

export async function runDemo(client: DemoClient, options: DemoOptions): Promise<DemoResult> {
  const run = new DemoRun(client, options);
  const log = options.log ?? (() => undefined);
  const { poc, lfp } = run;

  await phase(log, 1, 'preparation', async () => {
    await run.openCycle();
    for (const key of ['methodology', 'letters', 'launch']) await run.completeMilestone(key);
    await run.advanceTo('pre_consultation');
    return `cycle "${CYCLE.title}", ${AREAS.length} policy areas, ${MILESTONES.length} milestones scheduled`;
  });

  await phase(log, 2, 'stakeholders identified', async () => {
    await Promise.all(
      run.stakeholderSpecs.map(async (s) => {
        const answer = await run.post(`stakeholder/${s.key}/register`, '/v1/stakeholders', s.registeredBy === 'poc' ? poc : lfp[s.registeredBy], {
          kind: s.kind,
          name: s.name,
          ...(s.email ? { email: s.email } : {}),
          ...(s.registryRef ? { registryRef: s.registryRef } : {}),
          occurredAt: s.registeredAt,
        });
        run.stakeholderIds[s.key] = answer.id;
      }),
    );
    await run.completeMilestone('identify');
    return `${run.stakeholderSpecs.length} stakeholders registered`;
  });

  await phase(log, 3, 'pre-consultation surveys', async () => {
    await Promise.all(AREAS.map((area, a) => preConsultationSurvey(run, area, a)));
    await run.completeMilestone('surveys');
    return `${AREAS.length} surveys, ${run.invited.size} stakeholders invited, ${run.counts.surveyResponses} responses, ${run.contributions.size} text answers became contributions`;
  });

  await phase(log, 4, 'policy briefs and proposed commitments', async () => {
    await run.advanceTo('thematic_consultation');
    await run.draftCommitments();
    await run.completeMilestone('briefs');
    return `${COMMITMENTS.length} commitments drafted from the survey results`;
  });

  await phase(log, 5, 'responses to the surveys and pre-consultation reports', async () => {
    await Promise.all(AREAS.map((area) => answerSurvey(run, area)));
    await Promise.all(
      AREAS.map((area) =>
        run.report(`survey-${area.key}`, lfp[area.key], `Pre-consultation report: ${area.name}`, at('2020-09-11', '10:00'), area.key === 'ac' ? 2 : 1),
      ),
    );
    await run.completeMilestone('pre-reports');
    return `${countWhere(run, (c) => c.consultation.startsWith('survey-') && c.responses > 0)} survey contributions answered, ${AREAS.length} reports published`;
  });

  await phase(log, 6, 'thematic group consultations', async () => {
    await Promise.all(MEETINGS.map((m) => thematicMeeting(run, m)));
    await run.completeMilestone('meetings');
    const remarks = countWhere(run, (c) => /^m\d-/.test(c.key));
    return `${MEETINGS.length} meetings, ${remarks} contributions from minutes and written follow-ups`;
  });

  await phase(log, 7, 'drafting', async () => {
    await run.advanceTo('drafting');
    await run.reviseCommitments('2020-10-01', '2020-11-01');
    await Promise.all(MEETINGS.map((m) => answerMeeting(run, m)));
    await Promise.all(MEETINGS.map((m, i) => run.report(m.key, lfp[m.area], `Consultation report: ${m.title}`, shift(m.heldAt, 2, 120), i % 3 === 1 ? 2 : 1)));
    await run.completeMilestone('commitments');
    await run.completeMilestone('reports');
    return `${run.counts.commitmentRevisions} commitment revisions, ${MEETINGS.length} consultation reports published`;
  });

  await phase(log, 8, 'public consultation and National Council for Civil Society', async () => {
    await publicConsultation(run);
    return `${PUBLIC_COMMENTS.length} online and e-mail comments, ${COUNCIL_REMARKS.length} NCCS remarks, ${run.counts.commitmentRevisions} commitment revisions in all`;
  });

  await phase(log, 9, 'approval and submission', async () => {
    await run.advanceTo('approval');
    const final = DRAFT_PLANS[1];
    await run.post(`cycle/draft-plan/${final.version}`, `/v1/cycles/${run.cycleId}/draft-plans`, poc, { version: final.version, url: final.url, occurredAt: final.at });
    await run.completeMilestone('final');
    await run.completeMilestone('gmip');
    await run.post('cycle/approval', `/v1/cycles/${run.cycleId}/approval`, poc, { ...APPROVAL, occurredAt: APPROVAL.approvedAt });
    const submitted = await run.post('cycle/submission', `/v1/cycles/${run.cycleId}/submission`, poc, { ...SUBMISSION, occurredAt: SUBMISSION.submittedAt });
    run.stage = 'submitted';
    run.position = submitted.position;
    return `approved by the GMIP on ${APPROVAL.approvedAt.slice(0, 10)}, submitted to OGP on ${SUBMISSION.submittedAt.slice(0, 10)}`;
  });

  return result(run);
}

function countWhere(run: DemoRun, predicate: (c: ContributionRecord) => boolean): number {
  return [...run.contributions.values()].filter(predicate).length;
}

// --- phases ------------------------------------------------------------------------------------

async function preConsultationSurvey(run: DemoRun, area: AreaSpec, a: number): Promise<void> {
  const key = `survey-${area.key}`;
  const lfp = run.lfp[area.key];
  // Announced over two weeks ahead: OGP's standard asks for 14 days' notice.
  const announcedAt = at('2020-07-21', `${pad2(8 + a)}:00`);
  const id = await run.announce(key, lfp, {
    area: area.key,
    kind: 'survey',
    title: `Pre-consultation survey: ${area.name}`,
    description: `Online survey on the OGP web to identify the main issues and priorities of stakeholders in ${area.name}, ahead of the thematic consultations.`,
    announcedAt,
    opensAt: at('2020-08-05', '07:00'),
    closesAt: at('2020-08-31', '21:59'),
  });
  await run.post(`consultation/${key}/survey`, `/v1/consultations/${id}/survey`, lfp, { questions: surveyQuestions(area), occurredAt: shift(announcedAt, 0, 30) });
  await run.material(key, 'methodology', run.poc, 'brief', 'OGP pre-consultation: methodological note and general OGP brief', `${WEB}/pre-consultation/methodology-and-ogp-brief.pdf`, shift(announcedAt, 0, 45));
  await run.material(key, 'questionnaire', lfp, 'feedback_tool', `Online questionnaire: ${area.name}`, `${WEB}/pre-consultation/survey-${area.key}`, at('2020-08-05', '07:00'));
  // Every stakeholder of the area, and the international partners in every area.
  const invitees = run.stakeholderSpecs.filter((s) => s.area === area.key || s.kind === 'international').map((s) => s.key);
  await run.invite(key, lfp, invitees, at('2020-08-04', '09:00'));

  const respondents = surveyRespondents(run, area.key);
  const proposals = SURVEY_PROPOSALS[area.key];
  // Answers append to the consultation's stream: one at a time, in the order they arrived.
  for (const [r, who] of respondents.entries()) {
    const proposal = proposals[r % proposals.length];
    const echo = r >= proposals.length ? ` ${SURVEY_ECHOES[r % SURVEY_ECHOES.length].replace('{city}', who?.city ?? 'our town')}` : '';
    const answers = [
      { questionId: 'q1', value: area.priorities[(r + a) % area.priorities.length] },
      { questionId: 'q2', value: PARTICIPATION_OPTIONS[r % PARTICIPATION_OPTIONS.length] },
      { questionId: 'q3', value: `${proposal.text}${echo}` },
      ...(r % 3 === 0 ? [{ questionId: 'q4', value: SURVEY_ENGAGEMENT[(r / 3 + a) % SURVEY_ENGAGEMENT.length].text }] : []),
    ];
    const answeredAt = at(`2020-08-${pad2(5 + Math.floor((r * 25) / respondents.length))}`, `${pad2(8 + (r % 9))}:${pad2((r * 7) % 60)}`);
    const step = `consultation/${key}/response-r${pad2(r)}`;
    const path = `/v1/consultations/${id}/survey-responses`;
    // A stakeholder answers as itself; an anonymous paper questionnaire is typed in by the LFP.
    const answer = who
      ? await run.post(step, path, run.stakeholderActor(who.key), { answers, occurredAt: answeredAt })
      : await run.post(step, path, lfp, { answers, occurredAt: answeredAt });
    run.counts.surveyResponses++;
    const contributionIds = answer.contributionIds;
    const textQuestions = answers.filter((x) => x.questionId === 'q3' || x.questionId === 'q4').map((x) => x.questionId);
    if (!Array.isArray(contributionIds) || contributionIds.length !== textQuestions.length) {
      throw new DemoError(step, 'POST', path, 201, { problem: `expected ${textQuestions.length} contributionIds`, answer });
    }
    textQuestions.forEach((q, i) => run.addContribution(`${key}-r${pad2(r)}-${q}`, String(contributionIds[i]), key));
  }
  await run.close(key, lfp, at('2020-08-31', '22:00'));
}

async function answerSurvey(run: DemoRun, area: AreaSpec): Promise<void> {
  const key = `survey-${area.key}`;
  const proposals = SURVEY_PROPOSALS[area.key];
  const respondents = surveyRespondents(run, area.key);
  const chains: Promise<void>[] = [];
  for (let r = 0; r < respondents.length; r++) {
    const q3 = proposals[r % proposals.length];
    const dates = {
      respondedAt: at(`2020-09-${pad2(15 + (r % 2))}`, `${pad2(9 + (r % 8))}:00`),
      reviewedAt: at('2020-09-17', '15:00'),
      publishedAt: at('2020-09-21', '10:00'),
    };
    // The last anonymous questionnaire of two areas was never answered.
    const forgotten = r === respondents.length - 1 && (area.key === 'dg' || area.key === 'ft');
    if (!forgotten) {
      // Only the first respondent's answer went through the revision request.
      const spec = r < proposals.length ? q3 : { ...q3, sentBack: undefined };
      chains.push(run.answer(`${key}-r${pad2(r)}-q3`, run.lfp[area.key], spec, dates));
    }
    if (r % 3 === 0) {
      const q4 = SURVEY_ENGAGEMENT[(r / 3 + AREAS.indexOf(area)) % SURVEY_ENGAGEMENT.length];
      chains.push(run.answer(`${key}-r${pad2(r)}-q4`, run.lfp[area.key], q4, dates));
    }
  }
  await Promise.all(chains);
}

async function thematicMeeting(run: DemoRun, m: MeetingSpec): Promise<void> {
  const index = MEETINGS.indexOf(m);
  const lfp = run.lfp[m.area];
  const area = areaOf(m.area);
  const announcedAt = shift(m.heldAt, -15, 60);
  await run.announce(m.key, lfp, {
    area: m.area,
    kind: 'thematic_meeting',
    title: m.title,
    description: `Thematic group consultation on the proposed ${area.name} commitments. ${m.place}. Written comments are welcome for a week after the meeting.`,
    announcedAt,
    opensAt: m.heldAt,
    // Written comments are taken for a week after the meeting.
    closesAt: shift(m.heldAt, 7, 14 * 60 - 1),
  });
  // Materials, invitations and attendance all append to the consultation's stream: in order.
  await run.material(m.key, 'ogp-brief', run.poc, 'brief', 'General OGP information brief', `${WEB}/thematic/briefs/ogp-brief.pdf`, shift(announcedAt, 0, 30));
  await run.material(m.key, 'policy-brief', run.poc, 'brief', `Policy brief: ${area.name}`, `${WEB}/thematic/briefs/${m.area}.pdf`, shift(announcedAt, 0, 35));
  await run.material(m.key, 'feedback-form', run.poc, 'feedback_tool', 'Stakeholder feedback form', `${WEB}/thematic/feedback-form.docx`, shift(announcedAt, 0, 40));
  const attendees = meetingAttendees(run, m, index);
  const respondents = surveyRespondents(run, m.area)
    .filter((s): s is StakeholderSpec => s !== null)
    .map((s) => s.key);
  await run.invite(m.key, lfp, [...attendees, ...respondents], shift(announcedAt, 1));
  await run.material(m.key, 'agenda', lfp, 'agenda', `Agenda: ${m.title}`, `${WEB}/thematic/${m.key}/agenda.pdf`, shift(m.heldAt, -7));
  await run.material(m.key, 'presentation', lfp, 'presentation', `Presentation of the proposed commitments: ${area.name}`, `${WEB}/thematic/${m.key}/presentation.pdf`, m.heldAt);
  await run.attendance(m.key, lfp, attendees.slice(0, 12), m.anonymousCount, shift(m.heldAt, 1));

  // Remarks from the minutes (typed in by the LFP two days later) and written follow-ups.
  const minutesAt = shift(m.heldAt, 2);
  await Promise.all(
    m.remarks.map((remark, j) => {
      const key = `${m.key}-${j + 1}`;
      const author = attendees[j];
      if (remark.by === 'written') {
        const sentAt = shift(m.heldAt, 3, j * 30);
        return run.receive(key, m.key, run.stakeholderActor(author), { channel: 'written', body: remark.text, receivedAt: sentAt });
      }
      return run.receive(key, m.key, lfp, {
        stakeholder: remark.by === 'anonymous' ? null : author,
        channel: 'meeting',
        body: remark.text,
        receivedAt: shift(m.heldAt, 0, 20 + j * 12),
        occurredAt: shift(minutesAt, 0, j),
      });
    }),
  );
  await run.material(m.key, 'minutes', lfp, 'minutes', `Minutes: ${m.title}`, `${WEB}/thematic/${m.key}/minutes.pdf`, shift(minutesAt, 0, 30));
  await run.material(m.key, 'evidence', lfp, 'evidence', 'Attendance list and photographs', `${WEB}/thematic/${m.key}/evidence.zip`, shift(minutesAt, 0, 35));
  await Promise.all(
    m.remarks.map((remark, j) => (remark.duplicateOf ? run.markDuplicate(`${m.key}-${j + 1}`, remark.duplicateOf, lfp, shift(m.heldAt, 4)) : undefined)),
  );
  await run.close(m.key, lfp, shift(m.heldAt, 7, 14 * 60));
}

async function answerMeeting(run: DemoRun, m: MeetingSpec): Promise<void> {
  const index = MEETINGS.indexOf(m);
  await Promise.all(
    m.remarks.map((remark, j) => {
      if (remark.duplicateOf) return undefined;
      return run.answer(`${m.key}-${j + 1}`, run.lfp[m.area], remark, {
        respondedAt: at(`2020-10-${pad2(26 + (index % 4))}`, `${pad2(9 + j)}:00`),
        reviewedAt: at('2020-11-02', '15:00'),
        publishedAt: at('2020-11-05', '10:00'),
      });
    }),
  );
}

async function publicConsultation(run: DemoRun): Promise<void> {
  const { poc } = run;
  // Draft 0.9 goes online with the announcement's promise; the POC runs it (no policy area).
  await run.announce('public', poc, { area: null, kind: 'public_consultation', ...PUBLIC_CONSULTATION });
  await run.invite('public', poc, run.stakeholderSpecs.map((s) => s.key), shift(PUBLIC_CONSULTATION.announcedAt, 0, 30));
  const draft = DRAFT_PLANS[0];
  await run.post(`cycle/draft-plan/${draft.version}`, `/v1/cycles/${run.cycleId}/draft-plans`, poc, { version: draft.version, url: draft.url, occurredAt: draft.at });
  await run.completeMilestone('consolidated');
  await run.material('public', 'draft', poc, 'other', `Draft National Action Plan 2020–2022 (v${draft.version})`, draft.url, draft.at);
  await run.material('public', 'feedback-tool', poc, 'feedback_tool', 'Feedback tool for the public consultation', `${WEB}/public-consultation/feedback-tool`, shift(draft.at, 0, 10));
  await run.advanceTo('public_consultation');

  // The NCCS meeting is announced while the online consultation runs.
  const members = councilMembers(run);
  await run.announce('council', poc, { area: null, kind: 'council_meeting', ...COUNCIL_MEETING });
  await run.invite('council', poc, members, shift(COUNCIL_MEETING.announcedAt, 0, 30));
  await run.material('council', 'agenda', poc, 'agenda', 'Agenda: NCCS consultation on the draft action plan', `${WEB}/public-consultation/nccs-agenda.pdf`, shift(COUNCIL_MEETING.opensAt, -7));

  // Comments on time: online by the stakeholders themselves, e-mails typed in by the POC.
  const onTime = PUBLIC_COMMENTS.filter((c) => !c.late);
  await Promise.all(
    onTime.map((c) => {
      const author = commenter(run, c.author);
      const fields = { channel: c.via === 'online' ? 'online_comment' : 'email', body: c.text, commitment: c.on, receivedAt: c.receivedAt };
      return c.via === 'online'
        ? run.receive(c.key, 'public', run.stakeholderActor(author), fields)
        : run.receive(c.key, 'public', poc, { ...fields, stakeholder: author, occurredAt: shift(c.receivedAt, 0, 45) });
    }),
  );
  for (const c of onTime.filter((x) => x.withdraw)) {
    await run.post(`contribution/${c.key}/withdrawal`, `/v1/contributions/${run.contribution(c.key).id}/withdrawal`, run.stakeholderActor(commenter(run, c.author)), {
      reason: c.withdraw!.reason,
      occurredAt: c.withdraw!.at,
    });
    run.contribution(c.key).status = 'withdrawn';
  }
  await run.close('public', poc, PUBLIC_CONSULTATION.closedAt);
  await run.material('public', 'comments', poc, 'evidence', 'Comments received in the online consultation', `${WEB}/public-consultation/comments-received.pdf`, shift(PUBLIC_CONSULTATION.closedAt, 0, 60));
  await run.completeMilestone('online');
  await Promise.all(onTime.filter((c) => c.duplicateOf).map((c) => run.markDuplicate(c.key, c.duplicateOf!, poc, at('2020-11-24', '10:00'))));
  // Comments that came after closure: recorded as late, still unanswered.
  await Promise.all(
    PUBLIC_COMMENTS.filter((c) => c.late).map((c) =>
      run.receive(c.key, 'public', poc, {
        stakeholder: commenter(run, c.author),
        channel: 'email',
        body: c.text,
        receivedAt: c.receivedAt,
        occurredAt: shift(c.receivedAt, 0, 30),
        late: true,
      }),
    ),
  );

  // The NCCS meeting on 26 November: materials, attendance, remarks from its minutes.
  const heldAt = COUNCIL_MEETING.opensAt;
  await run.material('council', 'presentation', poc, 'presentation', 'Presentation of the draft action plan to the NCCS', `${WEB}/public-consultation/nccs-presentation.pdf`, heldAt);
  await run.attendance('council', poc, members.slice(0, 11), COUNCIL_MEETING.anonymousCount, shift(heldAt, 0, 300));
  await Promise.all(
    COUNCIL_REMARKS.map((remark, j) =>
      run.receive(remark.key, 'council', poc, {
        stakeholder: members[j],
        channel: 'meeting',
        body: remark.text,
        receivedAt: shift(heldAt, 0, 30 + j * 15),
        occurredAt: shift(heldAt, 1, j),
      }),
    ),
  );
  await run.material('council', 'minutes', poc, 'minutes', 'Minutes of the NCCS consultation meeting', `${WEB}/public-consultation/nccs-minutes.pdf`, shift(heldAt, 1, 60));
  await run.material('council', 'evidence', poc, 'evidence', 'NCCS meeting: attendance list and photographs', `${WEB}/public-consultation/nccs-evidence.zip`, shift(heldAt, 1, 65));
  await run.completeMilestone('nccs');
  await run.close('council', poc, COUNCIL_MEETING.closedAt);

  // Revisions caused by the comments, then the POC's reasoned responses.
  await run.reviseCommitments('2020-11-01', '2020-12-01');
  const dates = (i: number) => ({
    respondedAt: at(`2020-11-${pad2(26 + (i % 2))}`, `${pad2(9 + (i % 8))}:30`),
    reviewedAt: at('2020-11-30', '15:00'),
    publishedAt: at('2020-12-01', '10:00'),
  });
  await Promise.all(
    onTime.filter((c) => !c.duplicateOf && !c.withdraw).map((c, i) => run.answer(c.key, poc, c, dates(i))),
  );
  const answered = COUNCIL_REMARKS.flatMap(({ flow, ...r }) => (flow === 'unanswered' ? [] : [{ ...r, flow }]));
  await Promise.all(answered.map((r, i) => run.answer(r.key, poc, r, dates(i + 1), r.flow)));
  await run.report('public', poc, 'Report on the online public consultation of the draft action plan', at('2020-11-28', '10:00'), 0);
  await run.report('council', poc, 'Report on the NCCS consultation meeting', at('2020-11-28', '11:00'), 0);
}

// --- result ------------------------------------------------------------------------------------

function tally<T extends string>(values: T[], keys: readonly T[] = []): Record<T, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<T, number>;
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function result(run: DemoRun): DemoResult {
  const contributions = [...run.contributions.values()];
  const own = contributions.filter((c) => c.status !== 'duplicate' && c.status !== 'withdrawn' && c.decision !== null);
  const summary: DemoSummary = {
    stakeholders: run.stakeholderSpecs.length,
    stakeholdersByKind: tally(run.stakeholderSpecs.map((s) => s.kind)),
    consultations: Object.keys(run.consultationIds).length,
    consultationsByKind: tally(Object.values(run.consultationKinds)),
    invitations: run.counts.invitations,
    invitedStakeholders: run.invited.size,
    attendance: run.counts.attendance,
    materials: run.counts.materials,
    surveyResponses: run.counts.surveyResponses,
    contributions: contributions.length,
    byDecision: tally(
      own.map((c) => c.decision as Decision),
      DECISIONS,
    ),
    byStatus: tally(
      contributions.map((c) => c.status),
      ['received', 'responded', 'revision_requested', 'endorsed', 'published', 'withdrawn', 'duplicate'],
    ),
    duplicates: contributions.filter((c) => c.status === 'duplicate').length,
    withdrawn: contributions.filter((c) => c.status === 'withdrawn').length,
    late: contributions.filter((c) => c.late).length,
    unanswered: contributions.filter((c) => c.status === 'received').length,
    revisionRequests: run.counts.revisionRequests,
    reports: Object.keys(run.reportIds).length,
    reportsPublished: run.counts.reportsPublished,
    reportFeedbackRounds: run.counts.reportFeedbackRounds,
    commitments: Object.keys(run.commitmentIds).length,
    commitmentRevisions: run.counts.commitmentRevisions,
    milestones: MILESTONES.length,
    milestonesCompleted: run.counts.milestonesCompleted,
    forumMeetings: 0,
    stage: run.stage,
    requests: run.counts.requests,
    replayed: run.counts.replayed,
  };
  const named = Object.fromEntries(Object.entries(NAMED_KEYS).map(([name, key]) => [name, run.contribution(key).id])) as unknown as NamedContributions;
  return {
    cycleId: run.cycleId,
    policyAreas: { ...run.areaIds },
    stakeholders: { ...run.stakeholderIds },
    consultations: { ...run.consultationIds },
    commitments: { ...run.commitmentIds },
    reports: { ...run.reportIds },
    contributions: Object.fromEntries(contributions.map((c) => [c.key, c.id])),
    named,
    ids: { ...run.ids },
    position: run.position,
    actors: { poc: run.poc, lfp: run.lfp },
    summary,
    durationMs: run.elapsed(),
  };
}

/** The summary as a few lines for a terminal. */
export function formatSummary(result: DemoResult): string {
  const s = result.summary;
  const kinds = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
  return [
    `cycle ${result.cycleId}: stage ${s.stage}, ${s.milestonesCompleted}/${s.milestones} milestones completed, ${s.forumMeetings} forum meetings`,
    `stakeholders: ${s.stakeholders} (${kinds(s.stakeholdersByKind)}); ${s.invitedStakeholders} invited (${s.invitations} invitations)`,
    `consultations: ${s.consultations} (${kinds(s.consultationsByKind)}); ${s.surveyResponses} survey responses, ${s.materials} materials, ${s.attendance} attendees`,
    `contributions: ${s.contributions}; by decision: ${kinds(s.byDecision)}`,
    `  ${s.duplicates} duplicates, ${s.withdrawn} withdrawn, ${s.late} late, ${s.unanswered} unanswered, ${s.revisionRequests} responses sent back for revision; by status: ${kinds(s.byStatus)}`,
    `reports: ${s.reports} (${s.reportsPublished} published, ${s.reportFeedbackRounds} POC feedback rounds)`,
    `commitments: ${s.commitments} (${s.commitmentRevisions} revisions citing contributions)`,
    `requests: ${s.requests} (${s.replayed} replayed from an earlier run); run time ${(result.durationMs / 1000).toFixed(1)} s`,
  ].join('\n');
}
