/**
 * A generator of realistic co-creation cycles, shaped on Albania's 2020–2022 process: per cycle
 * four policy areas with their LFPs, ~150 stakeholders, pre-consultation surveys with responses,
 * thematic meetings, a public consultation and a council meeting, thousands of contributions
 * answered with every kind of decision (some revised after a POC review, some duplicates, some
 * withdrawn), commitments revised in response, reports with feedback rounds, approval and
 * submission. Deterministic for a seed. Events come in causal "waves": every append of a wave
 * may run concurrently, and a wave starts after the previous one has landed.
 */
import type { CommitmentEvent } from '../src/commitments/domain/events.js';
import type { ConsultationEvent } from '../src/consultations/domain/events.js';
import type { ContributionEvent } from '../src/contributions/domain/events.js';
import type { CycleEvent, Stage } from '../src/cycles/domain/events.js';
import type { Actor, NewEvent } from '../src/event-store/event-store.port.js';
import type { ReportEvent } from '../src/reports/domain/events.js';
import { uuidv5 } from '../src/shared/ids.js';
import type { StakeholderEvent } from '../src/stakeholders/domain/events.js';

type AnyEvent = CycleEvent | StakeholderEvent | ConsultationEvent | ContributionEvent | ReportEvent | CommitmentEvent;

export interface Append {
  streamId: string;
  events: NewEvent[];
}
export type Wave = Append[];

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AREAS = [
  { name: 'Anti-Corruption', lead: 'Ministry of Justice' },
  { name: 'Digital Governance', lead: 'National Agency for Information Society' },
  { name: 'Access to Justice', lead: 'Agency for Services' },
  { name: 'Fiscal Transparency', lead: 'Ministry of Finance' },
];
const POC = 'Office of the Prime Minister';
const DECISIONS = ['accepted', 'partially_accepted', 'not_accepted', 'out_of_scope', 'already_addressed', 'noted'] as const;
const TOPICS = ['asset declarations', 'public procurement data', 'e-Albania services', 'free legal aid', 'budget hearings', 'open contracting', 'whistleblower protection', 'court decisions online'];
const CHANNELS = ['meeting', 'written', 'online_comment', 'email'] as const;

export interface GeneratorOptions {
  seed?: number;
  /** Contributions per cycle: most of the volume (each is ~3–5 events). */
  contributionsPerCycle?: number;
  /** Leave the last cycle's public consultation open, so new contributions can be sent to it. */
  leaveLastOpen?: boolean;
}

export interface GeneratedCycle {
  cycleId: string;
  waves: Wave[];
  eventCount: number;
  contributionIds: string[];
  /** An open consultation with its lead, when leaveLastOpen asked for one. */
  openConsultation?: { consultationId: string; policyAreaId: string; lead: string; commitmentIds: string[] };
  stakeholderIds: string[];
}

/** Generates cycle number `index` of a run. */
export function generateCycle(index: number, options: GeneratorOptions = {}): GeneratedCycle {
  const seed = (options.seed ?? 2020) * 1000 + index;
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const id = (what: string) => uuidv5(`${seed}:${what}`);
  const year = 2020 + 2 * index;
  const at = (month: number, day: number, hour = 10) => new Date(Date.UTC(year, month - 1, day, hour)).toISOString();
  let eventCount = 0;
  let counter = 0;

  const actors = {
    poc: { id: `poc-${index}`, role: 'poc', institution: POC } as Actor,
    lfp: (lead: string) => ({ id: `lfp-${index}-${lead.split(' ').pop()}`, role: 'lfp', institution: lead }) as Actor,
  };
  function ev<T extends AnyEvent['type']>(type: T, data: Extract<AnyEvent, { type: T }>['data'], occurredAt: string, actor: Actor): NewEvent {
    eventCount++;
    return {
      eventId: id(`event:${counter++}`),
      type,
      data: data as unknown as Record<string, unknown>,
      metadata: { actor, correlationId: id(`corr:${counter}`), causationId: null, occurredAt, schemaVersion: 1 },
    };
  }

  const cycleId = id('cycle');
  const cycleStream = `cycle-${cycleId}`;
  const areas = AREAS.map((a, i) => ({ ...a, id: id(`area:${i}`) }));
  const waves: Wave[] = [[], [], [], [], []];
  const [setup, received, answered, duplicates, closing] = waves;

  // The cycle, its calendar and policy areas.
  const stages: Stage[] = ['pre_consultation', 'thematic_consultation', 'drafting', 'public_consultation', 'approval'];
  const milestones = stages.map((stage, i) => ({ id: id(`milestone:${i}`), stage, due: at(7 + i, 28) }));
  setup.push({
    streamId: cycleStream,
    events: [
      ev('CycleOpened', { cycleId, country: 'Albania', title: `Albania NAP ${year}–${year + 2}`, periodStart: at(1, 1), periodEnd: at(12, 31), pocInstitution: POC, methodology: 'Integrated Planning System', stage: 'preparation' }, at(7, 1), actors.poc),
      ...areas.map((a) => ev('PolicyAreaAdded', { cycleId, policyAreaId: a.id, name: a.name, leadInstitution: a.lead }, at(7, 2), actors.poc)),
      ...milestones.map((m) => ev('MilestoneScheduled', { cycleId, milestoneId: m.id, stage: m.stage, title: `Complete ${m.stage.replace('_', ' ')}`, dueDate: m.due }, at(7, 3), actors.poc)),
    ],
  });

  const stakeholderIds = Array.from({ length: 150 }, (_, i) => id(`stakeholder:${i}`));
  for (const [i, stakeholderId] of stakeholderIds.entries()) {
    setup.push({
      streamId: `stakeholder-${stakeholderId}`,
      events: [ev('StakeholderRegistered', { stakeholderId, kind: i % 10 === 9 ? 'academia' : 'cso', name: `Civic Initiative ${index}-${i}`, email: null, registryRef: `AMSHC-${index}-${i}`, personalDataSubject: stakeholderId }, at(7, 5), actors.poc)],
    });
  }

  const commitments = areas.flatMap((a, ai) =>
    Array.from({ length: 5 }, (_, k) => {
      const commitmentId = id(`commitment:${ai}:${k}`);
      setup.push({
        streamId: `commitment-${commitmentId}`,
        events: [
          ev(
            'CommitmentDrafted',
            {
              commitmentId,
              cycleId,
              policyAreaId: a.id,
              title: `${a.name}: ${TOPICS[(ai + k) % TOPICS.length]}`,
              problem: `Citizens cannot follow ${TOPICS[(ai + k) % TOPICS.length]}.`,
              description: 'Publish the data in open formats and report on progress twice a year.',
              ogpValues: ['transparency', 'accountability'],
              milestones: [{ title: 'Legal basis adopted', dueDate: at(12, 1) }, { title: 'Portal online', dueDate: at(12, 20) }],
              leadInstitution: a.lead,
              supportingInstitutions: [POC],
              areaLeadInstitution: a.lead,
            },
            at(10, 5),
            actors.lfp(a.lead),
          ),
        ],
      });
      return { commitmentId, area: a };
    }),
  );

  // Consultations: a survey and two thematic meetings per area, a public consultation and a council meeting.
  const consultations = [
    ...areas.flatMap((a, ai) => [
      { key: `survey:${ai}`, area: a, kind: 'survey' as const, opens: at(7, 20) },
      { key: `meeting:${ai}:1`, area: a, kind: 'thematic_meeting' as const, opens: at(9, 10 + ai) },
      { key: `meeting:${ai}:2`, area: a, kind: 'thematic_meeting' as const, opens: at(10, 5 + ai) },
    ]),
    { key: 'public', area: areas[0], kind: 'public_consultation' as const, opens: at(11, 2) },
    { key: 'council', area: null, kind: 'council_meeting' as const, opens: at(11, 16) },
  ].map((c) => ({ ...c, id: id(`consultation:${c.key}`) }));

  const lastOpen = options.leaveLastOpen ? consultations.find((c) => c.kind === 'public_consultation') : undefined;
  for (const c of consultations) {
    const stream = `consultation-${c.id}`;
    const lead = c.area?.lead ?? POC;
    const actor = c.area ? actors.lfp(lead) : actors.poc;
    const scope = { consultationId: c.id, cycleId, policyAreaId: c.area?.id ?? null };
    const opens = new Date(c.opens);
    const announced = new Date(opens.getTime() - 16 * 86_400_000).toISOString();
    const closes = new Date(opens.getTime() + 14 * 86_400_000).toISOString();
    const invited = stakeholderIds.filter(() => rand() < 0.4);
    const events = [
      ev('ConsultationAnnounced', { ...scope, leadInstitution: lead, kind: c.kind, title: `${c.kind.replace('_', ' ')} — ${c.area?.name ?? 'whole plan'}`, description: null, announcedAt: announced, opensAt: c.opens, closesAt: closes }, announced, actor),
      ev('StakeholdersInvited', { ...scope, stakeholderIds: invited }, announced, actor),
      ev('MaterialPublished', { ...scope, materialId: id(`material:${c.key}:brief`), kind: 'brief', title: 'Policy brief', url: `https://ogp.gov.al/${c.key}/brief.pdf` }, announced, actor),
    ];
    if (c.kind === 'survey') {
      events.push(
        ev('SurveyDefined', { ...scope, questions: [{ id: 'priority', text: 'Which priority matters most?', type: 'choice', options: ['data', 'services', 'participation'] }, { id: 'ideas', text: 'Your proposals', type: 'text', options: null }] }, announced, actor),
      );
    }
    setup.push({ streamId: stream, events });
    if (c.kind === 'survey') {
      for (let r = 0; r < 40; r++) {
        const responseId = id(`response:${c.key}:${r}`);
        setup.push({
          streamId: stream,
          events: [ev('SurveyResponseSubmitted', { ...scope, responseId, stakeholderId: pick(stakeholderIds), answers: [{ questionId: 'priority', type: 'choice', value: pick(['data', 'services', 'participation']) }, { questionId: 'ideas', type: 'text', value: `Proposal ${r} on ${pick(TOPICS)}` }], late: false, personalDataSubject: null }, at(7, 25), { id: 'survey', role: 'stakeholder' })],
        });
      }
    }
    if (c !== lastOpen) {
      closing.push({
        streamId: stream,
        events: [
          ev('AttendanceRecorded', { ...scope, stakeholderIds: invited.filter(() => rand() < 0.6), anonymousCount: Math.floor(rand() * 10) }, closes, actor),
          ev('MaterialPublished', { ...scope, materialId: id(`material:${c.key}:minutes`), kind: 'minutes', title: 'Minutes', url: `https://ogp.gov.al/${c.key}/minutes.pdf` }, closes, actor),
          ev('ConsultationClosed', { ...scope, closedAt: closes }, closes, actor),
        ],
      });
    }
  }

  // Contributions: most of the volume.
  const count = options.contributionsPerCycle ?? 4000;
  const contributionIds: string[] = [];
  const canonicals: Array<{ id: string; consultationId: string }> = [];
  const citations = new Map<string, string[]>();
  for (let n = 0; n < count; n++) {
    const c = consultations[n % consultations.length];
    const contributionId = id(`contribution:${n}`);
    contributionIds.push(contributionId);
    const lead = c.area?.lead ?? null;
    const actor = c.area ? actors.lfp(c.area.lead) : actors.poc;
    const scope = { contributionId, cycleId, policyAreaId: c.area?.id ?? null };
    const receivedAt = new Date(new Date(c.opens).getTime() + Math.floor(rand() * 10) * 86_400_000).toISOString();
    const stream = `contribution-${contributionId}`;
    const receivedEvent = ev(
      'ContributionReceived',
      { ...scope, consultationId: c.id, leadInstitution: lead, stakeholderId: rand() < 0.85 ? pick(stakeholderIds) : null, channel: pick(CHANNELS), body: `On ${pick(TOPICS)}: we propose that the ministry publishes quarterly data and consults CSOs before each change (${n}).`, commitmentId: null, receivedAt, late: false, source: null, personalDataSubject: null },
      receivedAt,
      actor,
    );
    const sameConsultation = canonicals.filter((k) => k.consultationId === c.id);
    if (rand() < 0.08 && sameConsultation.length > 0) {
      received.push({ streamId: stream, events: [receivedEvent] });
      duplicates.push({ streamId: stream, events: [ev('ContributionMarkedDuplicate', { ...scope, canonicalId: pick(sameConsultation).id }, receivedAt, actor)] });
      continue;
    }
    const events = [receivedEvent];
    const roll = rand();
    if (roll < 0.9) {
      const decision = pick(DECISIONS);
      const areaCommitments = commitments.filter((k) => k.area.id === c.area?.id).map((k) => k.commitmentId);
      const linked = (decision === 'accepted' || decision === 'partially_accepted') && areaCommitments.length ? [pick(areaCommitments)] : [];
      const respondedAt = new Date(new Date(receivedAt).getTime() + (2 + Math.floor(rand() * 40)) * 86_400_000).toISOString();
      const response = (responseNumber: number, d: string) => ev('ContributionResponded', { ...scope, responseNumber, decision: d as (typeof DECISIONS)[number], rationale: `Considered by the working group: ${d.replace('_', ' ')} (${n}).`, commitmentIds: d === 'accepted' || d === 'partially_accepted' ? linked : [] }, respondedAt, actor);
      events.push(response(1, linked.length || (decision !== 'accepted' && decision !== 'partially_accepted') ? decision : 'noted'));
      if (rand() < 0.1) {
        events.push(ev('ResponseReviewed', { ...scope, responseNumber: 1, verdict: 'revision_requested', comment: 'Explain how this was weighed' }, respondedAt, actors.poc));
        events.push(response(2, 'noted'));
      }
      if (rand() < 0.8) {
        const last = events.filter((e) => e.type === 'ContributionResponded').length;
        events.push(ev('ResponseReviewed', { ...scope, responseNumber: last, verdict: 'endorsed', comment: null }, respondedAt, actors.poc));
        if (rand() < 0.75) events.push(ev('ResponsePublished', { ...scope, responseNumber: last }, respondedAt, actors.poc));
      }
      for (const k of linked) citations.set(k, [...(citations.get(k) ?? []), contributionId]);
    }
    if (rand() < 0.03 && (events[0].data as { stakeholderId: string | null }).stakeholderId) {
      const stakeholderId = (events[0].data as { stakeholderId: string }).stakeholderId;
      events.push(ev('ContributionWithdrawn', { ...scope, reason: 'Superseded by our joint submission' }, receivedAt, { id: stakeholderId, role: 'stakeholder' }));
    }
    canonicals.push({ id: contributionId, consultationId: c.id });
    (roll < 0.9 ? answered : received).push({ streamId: stream, events });
  }

  // Commitments revised in response to what they were told.
  for (const { commitmentId, area } of commitments) {
    const cited = (citations.get(commitmentId) ?? []).slice(0, 5);
    if (cited.length === 0) continue;
    closing.push({
      streamId: `commitment-${commitmentId}`,
      events: [ev('CommitmentRevised', { commitmentId, cycleId, policyAreaId: area.id, revisionNumber: 1, changes: { description: `Revised after ${cited.length} contributions: quarterly publication.` }, inResponseTo: cited }, at(10, 25), actors.lfp(area.lead))],
    });
  }

  // Reports: drafted, submitted, feedback, revised, resubmitted, accepted, published.
  for (const c of consultations) {
    if (c === lastOpen) continue;
    const reportId = id(`report:${c.key}`);
    const scope = { reportId, consultationId: c.id, cycleId, policyAreaId: c.area?.id ?? null };
    const actor = c.area ? actors.lfp(c.area.lead) : actors.poc;
    const named = contributionIds.filter((_, n) => consultations[n % consultations.length] === c).slice(0, 10);
    const t = new Date(new Date(c.opens).getTime() + 20 * 86_400_000).toISOString();
    closing.push({
      streamId: `report-${reportId}`,
      events: [
        ev('ReportDrafted', { ...scope, leadInstitution: c.area?.lead ?? null, summary: 'Main priorities raised by participants.', contributionIds: named }, t, actor),
        ev('ReportSubmitted', scope, t, actor),
        ev('ReportFeedbackGiven', { ...scope, round: 1, items: [{ section: 'Contributions', comment: 'List every contribution with its response.' }] }, t, actors.poc),
        ev('ReportRevised', { ...scope, revisionNumber: 1, summary: 'Main priorities, with the response to each contribution.', contributionIds: named }, t, actor),
        ev('ReportSubmitted', scope, t, actor),
        ev('ReportAccepted', scope, t, actors.poc),
        ev('ReportPublished', { ...scope, url: `https://ogp.gov.al/reports/${c.key}.pdf` }, t, actors.poc),
      ],
    });
  }

  // Stages, milestones done, the draft, approval and submission (all on the cycle stream, in order).
  const cycleEvents: NewEvent[] = [];
  let from: Stage = 'preparation';
  for (const [i, to] of stages.entries()) {
    cycleEvents.push(ev('CycleStageAdvanced', { cycleId, from, to }, at(7 + i, 1), actors.poc));
    from = to;
  }
  if (!lastOpen) {
    cycleEvents.push(...milestones.map((m) => ev('MilestoneCompleted', { cycleId, milestoneId: m.id, completedAt: m.due, evidence: `https://ogp.gov.al/evidence/${m.stage}` }, m.due, actors.poc)));
    cycleEvents.push(ev('DraftPlanPublished', { cycleId, version: '1.0', url: 'https://ogp.gov.al/draft-plan.pdf' }, at(11, 1), actors.poc));
    cycleEvents.push(ev('PlanApproved', { cycleId, body: 'GMIP Good Governance and Public Administration', decisionRef: `GMIP-${year}-12`, approvedAt: at(12, 10) }, at(12, 10), actors.poc));
    cycleEvents.push(ev('PlanSubmitted', { cycleId, submittedAt: at(12, 20) }, at(12, 20), actors.poc));
  }
  closing.push({ streamId: cycleStream, events: cycleEvents });

  const open = lastOpen && { consultationId: lastOpen.id, policyAreaId: lastOpen.area!.id, lead: lastOpen.area!.lead, commitmentIds: commitments.filter((k) => k.area.id === lastOpen.area!.id).map((k) => k.commitmentId) };
  return { cycleId, waves, eventCount, contributionIds, stakeholderIds, ...(open ? { openConsultation: open } : {}) };
}

/** Merges appends to the same stream within a wave (they must land in order, in one call). */
export function coalesce(wave: Wave): Wave {
  const byStream = new Map<string, NewEvent[]>();
  for (const append of wave) byStream.set(append.streamId, [...(byStream.get(append.streamId) ?? []), ...append.events]);
  return [...byStream].map(([streamId, events]) => ({ streamId, events }));
}
