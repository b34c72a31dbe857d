import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type Actor, type EventStore } from '../../src/event-store/event-store.port.js';
import { PersonalDataVault } from '../../src/security/personal-data.vault.js';
import { INSTITUTIONS, type TestApp } from './app.js';
import { eventAppender, TEST_ACTORS } from './projection-harness.js';

/** What a contribution says in the record, and what the views should show of it. */
export const TEXTS = {
  c1: 'Publish the asset declarations of high officials as machine-readable open data',
  c2: 'Include judges and prosecutors in the asset declaration register.\nTheir family members too.',
  c3: 'Asset declarations must be searchable by name and institution',
  c4: 'Make asset declarations searchable online',
  c5: 'Audit the asset declarations of customs officers',
  c6: 'As a former customs officer I saw declarations go unchecked for years',
  c7: 'Define "high officials", including deputy ministers, in the law',
  c8: 'Publish the budgets of every municipality',
  c9: 'Offensive remark naming a private person',
  c10: 'Fine officials who file their declarations late',
} as const;

export const RATIONALES = {
  c1: 'Included as milestone 1: open data on the HIDAACI portal',
  c2: 'Judges and prosecutors are covered; their family members are not, under the law in force',
  c4first: 'Included in the asset declarations commitment',
  c4: 'Searchable register comes with the whistleblower protection portal',
  c5: 'Noted for the audit plan of HIDAACI',
  c6: 'Customs audits are outside the Anti-Corruption area of this plan',
  c7: 'Already defined by Law 9049/2003, article 3',
  c8: 'Fiscal Transparency area; forwarded to the Ministry of Finance',
  c9: 'Noted',
  c10: 'Sanctions are set in the law already',
} as const;

/**
 * For startTestApp: every projection of the service catches up on this record's hundred-odd events
 * while other test files run beside it, which can take longer than the default 5 s of consistentWith.
 */
export const NAP_APP_OPTIONS = { overrides: { CONSISTENCY_TIMEOUT_MS: 30_000 } };

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Albania NAP 2020–2022 as it happened, appended as domain events through the EventStore port
 * (the commands are another slice's): the POC's calendar and stages, the Anti-Corruption area led
 * by the Ministry of Justice, a pre-consultation survey, a thematic meeting on asset declarations
 * and the public consultation of the draft, contributions answered with every kind of decision, a
 * duplicate whose canonical's response is replaced, a withdrawal, a redaction, an individual's
 * encrypted comment, a commitment revised after CSO comments, a report with POC feedback, GMIP
 * approval and submission. No forum meetings: the OGP review found Albania had none.
 */
export async function recordAlbaniaNap(t: TestApp) {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const vault = t.app.get(PersonalDataVault);
  const append = eventAppender(store);
  let last = '';
  const record = async (streamId: string, type: string, data: Record<string, unknown>, occurredAt: string, actor: Actor = TEST_ACTORS.poc) => {
    last = (await append(streamId, type, data, { actor, occurredAt })).position;
  };

  const cycleId = randomUUID();
  const areas = { antiCorruption: randomUUID(), fiscal: randomUUID() };
  const stakeholders = { idm: randomUUID(), citizensChannel: randomUUID(), individual: randomUUID() };
  const consultations = { survey: randomUUID(), meeting: randomUUID(), publicConsultation: randomUUID() };
  const commitments = { assets: randomUUID(), whistleblowers: randomUUID() };
  const milestones = { surveys: randomUUID(), meetings: randomUUID(), draft: randomUUID(), selfAssessment: randomUUID() };
  const reportId = randomUUID();
  const c = Object.fromEntries(Object.keys(TEXTS).map((k) => [k, randomUUID()])) as Record<keyof typeof TEXTS, string>;
  const individualText = await vault.encrypt(stakeholders.individual, TEXTS.c6);
  const individualName = await vault.encrypt(stakeholders.individual, 'Arta Hoxha');

  const cycle = (type: string, data: Record<string, unknown>, at: string) => record(`cycle-${cycleId}`, type, { cycleId, ...data }, at);
  const area = { cycleId, policyAreaId: areas.antiCorruption };

  // The POC opens the cycle, its areas and its calendar.
  await cycle('CycleOpened', { country: 'Albania', title: 'Albania National Action Plan 2020–2022', periodStart: '2020-09-01', periodEnd: '2022-08-31', pocInstitution: INSTITUTIONS.poc, methodology: 'Integrated Planning System', stage: 'preparation' }, '2020-07-01T09:00:00Z');
  await cycle('PolicyAreaAdded', { policyAreaId: areas.antiCorruption, name: 'Anti-Corruption', leadInstitution: INSTITUTIONS.justice }, '2020-07-02T09:00:00Z');
  await cycle('PolicyAreaAdded', { policyAreaId: areas.fiscal, name: 'Fiscal Transparency', leadInstitution: INSTITUTIONS.finance }, '2020-07-02T09:05:00Z');
  await cycle('MilestoneScheduled', { milestoneId: milestones.surveys, stage: 'pre_consultation', title: 'Pre-consultation surveys published on the OGP web', dueDate: '2020-08-31' }, '2020-07-03T09:00:00Z');
  await cycle('MilestoneScheduled', { milestoneId: milestones.meetings, stage: 'thematic_consultation', title: 'Thematic meetings held in every policy area', dueDate: '2020-10-15' }, '2020-07-03T09:01:00Z');
  await cycle('MilestoneScheduled', { milestoneId: milestones.draft, stage: 'public_consultation', title: 'Draft plan published for public consultation', dueDate: '2020-11-05T12:00:00Z' }, '2020-07-03T09:02:00Z');
  // Due a year from today whenever the test runs: not overdue.
  const selfAssessmentDue = future(365);
  await cycle('MilestoneScheduled', { milestoneId: milestones.selfAssessment, stage: 'submitted', title: 'End-of-term self-assessment published', dueDate: selfAssessmentDue }, '2020-07-03T09:03:00Z');
  await cycle('ComplianceThresholdsSet', { thresholds: { forumMaxGapDays: 183, timelineNoticeDays: 14, consultationNoticeDays: 10, repositoryUpdatesPerYear: 2 } }, '2020-07-04T09:00:00Z');
  await cycle('CycleStageAdvanced', { from: 'preparation', to: 'pre_consultation' }, '2020-07-15T09:00:00Z');

  for (const [id, kind, name, email] of [
    [stakeholders.idm, 'cso', 'Institute for Democracy and Mediation', null],
    [stakeholders.citizensChannel, 'cso', 'Citizens Channel', null],
    [stakeholders.individual, 'individual', individualName, null],
  ] as const) {
    await record(`stakeholder-${id}`, 'StakeholderRegistered', { stakeholderId: id, kind, name, email, registryRef: null, personalDataSubject: id }, '2020-07-10T09:00:00Z', TEST_ACTORS.justice);
  }

  const announce = (consultationId: string, policyAreaId: string | null, kind: string, title: string, dates: [string, string, string]) =>
    record(
      `consultation-${consultationId}`,
      'ConsultationAnnounced',
      { consultationId, cycleId, policyAreaId, leadInstitution: policyAreaId ? INSTITUTIONS.justice : INSTITUTIONS.poc, kind, title, description: null, announcedAt: dates[0], opensAt: dates[1], closesAt: dates[2] },
      dates[0],
      policyAreaId ? TEST_ACTORS.justice : TEST_ACTORS.poc,
    );
  const consultationEvent = (consultationId: string, type: string, data: Record<string, unknown>, at: string, policyAreaId: string | null = areas.antiCorruption) =>
    record(`consultation-${consultationId}`, type, { consultationId, cycleId, policyAreaId, ...data }, at, policyAreaId ? TEST_ACTORS.justice : TEST_ACTORS.poc);

  // Contributions to the public consultation have no policy area: the POC answers them.
  const inPublicConsultation = new Set<string>();
  const contribution = (id: string, type: string, data: Record<string, unknown>, at: string, actor?: Actor) => {
    const poc = inPublicConsultation.has(id);
    const scope = { cycleId, policyAreaId: poc ? null : areas.antiCorruption };
    return record(`contribution-${id}`, type, { contributionId: id, ...scope, ...data }, at, actor ?? (poc ? TEST_ACTORS.poc : TEST_ACTORS.justice));
  };
  const receive = (key: keyof typeof TEXTS, consultationId: string, stakeholderId: string | null, channel: string, receivedAt: string, body: unknown = TEXTS[key], personalDataSubject: string | null = null) => {
    if (consultationId === consultations.publicConsultation) inPublicConsultation.add(c[key]);
    const leadInstitution = inPublicConsultation.has(c[key]) ? null : INSTITUTIONS.justice;
    return contribution(
      c[key],
      'ContributionReceived',
      { consultationId, leadInstitution, stakeholderId, channel, body, commitmentId: null, receivedAt, late: false, source: null, personalDataSubject },
      receivedAt,
    );
  };
  const respond = (key: keyof typeof TEXTS, responseNumber: number, decision: string, rationale: string, commitmentIds: string[], at: string) =>
    contribution(c[key], 'ContributionResponded', { responseNumber, decision, rationale, commitmentIds }, at);
  const endorseAndPublish = async (key: keyof typeof TEXTS, responseNumber: number, at: string) => {
    await contribution(c[key], 'ResponseReviewed', { responseNumber, verdict: 'endorsed', comment: null }, at, TEST_ACTORS.poc);
    await contribution(c[key], 'ResponsePublished', { responseNumber }, at.replace('T09', 'T15'), TEST_ACTORS.poc);
  };

  // Pre-consultation: the Anti-Corruption survey.
  await announce(consultations.survey, areas.antiCorruption, 'survey', 'Pre-consultation survey: Anti-Corruption', ['2020-07-20T09:00:00Z', '2020-07-25T09:00:00Z', '2020-08-25T17:00:00Z']);
  await receive('c4', consultations.survey, stakeholders.idm, 'survey', '2020-07-28T10:00:00Z');
  await receive('c3', consultations.survey, stakeholders.citizensChannel, 'survey', '2020-08-02T10:00:00Z');
  await receive('c9', consultations.survey, null, 'survey', '2020-08-03T10:00:00Z');
  await consultationEvent(consultations.survey, 'ConsultationClosed', { closedAt: '2020-08-26T09:00:00Z' }, '2020-08-26T09:00:00Z');
  await cycle('MilestoneCompleted', { milestoneId: milestones.surveys, completedAt: '2020-08-28T10:00:00Z', evidence: 'https://ogp.gov.al/surveys-2020' }, '2020-08-28T10:00:00Z');
  await cycle('CycleStageAdvanced', { from: 'pre_consultation', to: 'thematic_consultation' }, '2020-09-01T09:00:00Z');

  // The thematic meeting on asset declarations.
  await announce(consultations.meeting, areas.antiCorruption, 'thematic_meeting', 'Thematic meeting: asset declarations', ['2020-09-01T09:00:00Z', '2020-09-15T09:00:00Z', '2020-09-30T17:00:00Z']);
  await consultationEvent(consultations.meeting, 'StakeholdersInvited', { stakeholderIds: [stakeholders.idm, stakeholders.citizensChannel, stakeholders.individual] }, '2020-09-02T09:00:00Z');
  await consultationEvent(consultations.meeting, 'AttendanceRecorded', { stakeholderIds: [stakeholders.idm, stakeholders.individual], anonymousCount: 3 }, '2020-09-15T12:00:00Z');
  await receive('c1', consultations.meeting, stakeholders.idm, 'meeting', '2020-09-15T11:00:00Z');
  await receive('c2', consultations.meeting, stakeholders.citizensChannel, 'written', '2020-09-16T10:00:00Z');
  await receive('c5', consultations.meeting, stakeholders.citizensChannel, 'written', '2020-09-17T10:00:00Z');
  await receive('c8', consultations.meeting, stakeholders.citizensChannel, 'meeting', '2020-09-15T11:30:00Z');
  await receive('c10', consultations.meeting, stakeholders.idm, 'email', '2020-09-18T10:00:00Z');
  await consultationEvent(consultations.meeting, 'ConsultationClosed', { closedAt: '2020-10-01T09:00:00Z' }, '2020-10-01T09:00:00Z');

  // Commitments drafted by the LFP.
  const draft = (commitmentId: string, title: string, at: string) =>
    record(
      `commitment-${commitmentId}`,
      'CommitmentDrafted',
      {
        commitmentId,
        ...area,
        title,
        problem: 'Asset declarations are filed on paper and cannot be checked by the public',
        description: 'HIDAACI publishes declarations as open data',
        ogpValues: ['transparency', 'accountability'],
        milestones: [{ title: 'Open data portal live', dueDate: '2021-06-30' }],
        leadInstitution: 'High Inspectorate of Declaration and Audit of Assets and Conflict of Interest',
        supportingInstitutions: [INSTITUTIONS.justice],
        areaLeadInstitution: INSTITUTIONS.justice,
      },
      at,
      TEST_ACTORS.justice,
    );
  await draft(commitments.assets, 'Asset declarations of high officials published as open data', '2020-09-19T09:00:00Z');
  await draft(commitments.whistleblowers, 'Whistleblower protection portal', '2020-09-19T09:30:00Z');

  // Reasoned responses: the survey's canonical first, then its duplicate, then the canonical's response is replaced.
  await respond('c4', 1, 'accepted', RATIONALES.c4first, [commitments.assets], '2020-09-20T09:00:00Z');
  await endorseAndPublish('c4', 1, '2020-09-22T09:00:00Z');
  await contribution(c.c3, 'ContributionMarkedDuplicate', { canonicalId: c.c4 }, '2020-09-23T09:00:00Z');
  await respond('c4', 2, 'partially_accepted', RATIONALES.c4, [commitments.whistleblowers], '2020-10-01T09:00:00Z');
  await endorseAndPublish('c4', 2, '2020-10-03T09:00:00Z');
  await contribution(c.c9, 'ContributionRedacted', { reason: 'Names a private person' }, '2020-09-24T09:00:00Z', TEST_ACTORS.poc);
  await respond('c9', 1, 'noted', RATIONALES.c9, [], '2020-09-25T09:00:00Z');
  await endorseAndPublish('c9', 1, '2020-09-26T09:00:00Z');
  await respond('c1', 1, 'accepted', RATIONALES.c1, [commitments.assets, commitments.whistleblowers], '2020-10-05T09:00:00Z');
  await endorseAndPublish('c1', 1, '2020-10-06T09:00:00Z');
  await respond('c2', 1, 'partially_accepted', RATIONALES.c2, [commitments.assets], '2020-10-05T10:00:00Z');
  await endorseAndPublish('c2', 1, '2020-10-06T10:00:00Z');
  await respond('c5', 1, 'noted', RATIONALES.c5, [], '2020-10-05T11:00:00Z');
  await endorseAndPublish('c5', 1, '2020-10-06T11:00:00Z');
  await contribution(c.c5, 'ContributionWithdrawn', { reason: 'Merged into our joint submission' }, '2020-10-07T09:00:00Z', { id: stakeholders.citizensChannel, role: 'stakeholder' });
  await respond('c8', 1, 'out_of_scope', RATIONALES.c8, [], '2020-10-05T12:00:00Z');
  await contribution(c.c8, 'ResponseReviewed', { responseNumber: 1, verdict: 'revision_requested', comment: 'Say which ministry it went to' }, '2020-10-06T12:00:00Z', TEST_ACTORS.poc);
  // Answered, not yet reviewed: officials and its author see it, the public not yet.
  await respond('c10', 1, 'accepted', RATIONALES.c10, [commitments.assets], '2020-10-08T09:00:00Z');

  // The LFP's report on the meeting, through a round of POC feedback.
  const report = (type: string, data: Record<string, unknown>, at: string, actor: Actor = TEST_ACTORS.justice) =>
    record(`report-${reportId}`, type, { reportId, consultationId: consultations.meeting, ...area, ...data }, at, actor);
  await report('ReportDrafted', { leadInstitution: INSTITUTIONS.justice, summary: 'Six remarks on asset declarations', contributionIds: [c.c1, c.c2] }, '2020-10-02T09:00:00Z');
  await report('ReportSubmitted', {}, '2020-10-05T09:00:00Z');
  await report('ReportFeedbackGiven', { round: 1, items: [{ section: 'Responses', comment: 'Answer every remark' }] }, '2020-10-07T09:00:00Z', TEST_ACTORS.poc);
  await report('ReportRevised', { revisionNumber: 1, summary: 'Every remark answered', contributionIds: [c.c1, c.c2, c.c5, c.c8] }, '2020-10-09T09:00:00Z');
  await report('ReportSubmitted', {}, '2020-10-10T09:00:00Z');
  await report('ReportAccepted', {}, '2020-10-12T09:00:00Z', TEST_ACTORS.poc);
  await report('ReportPublished', { url: 'https://ogp.gov.al/reports/asset-declarations' }, '2020-10-14T09:00:00Z', TEST_ACTORS.poc);
  await cycle('MilestoneCompleted', { milestoneId: milestones.meetings, completedAt: '2020-10-20T16:00:00Z', evidence: 'Minutes of four thematic meetings' }, '2020-10-20T16:00:00Z');
  await cycle('CycleStageAdvanced', { from: 'thematic_consultation', to: 'drafting' }, '2020-10-20T17:00:00Z');

  // The public consultation of the draft (no policy area: the POC's).
  await cycle('DraftPlanPublished', { version: '0.9', url: 'https://ogp.gov.al/nap-2020-draft-0.9.pdf' }, '2020-11-06T09:00:00Z');
  await cycle('CycleStageAdvanced', { from: 'drafting', to: 'public_consultation' }, '2020-11-06T10:00:00Z');
  await announce(consultations.publicConsultation, null, 'public_consultation', 'Public consultation of the draft NAP 2020–2022', ['2020-11-06T09:00:00Z', '2020-11-10T09:00:00Z', '2020-11-30T17:00:00Z']);
  await receive('c6', consultations.publicConsultation, stakeholders.individual, 'online_comment', '2020-11-12T10:00:00Z', individualText, stakeholders.individual);
  await receive('c7', consultations.publicConsultation, stakeholders.idm, 'online_comment', '2020-11-13T10:00:00Z');
  await respond('c6', 1, 'out_of_scope', RATIONALES.c6, [], '2020-11-18T09:00:00Z');
  await endorseAndPublish('c6', 1, '2020-11-19T09:00:00Z');
  await respond('c7', 1, 'already_addressed', RATIONALES.c7, [], '2020-11-18T10:00:00Z');
  await endorseAndPublish('c7', 1, '2020-11-19T10:00:00Z');
  // The commitment revised after the CSOs' comments.
  await record(
    `commitment-${commitments.assets}`,
    'CommitmentRevised',
    {
      commitmentId: commitments.assets,
      ...area,
      revisionNumber: 1,
      changes: { title: 'Asset declarations of high officials, judges and prosecutors published as open data' },
      inResponseTo: [c.c2, c.c7, c.c10],
    },
    '2020-11-20T09:00:00Z',
    TEST_ACTORS.justice,
  );
  await consultationEvent(consultations.publicConsultation, 'ConsultationClosed', { closedAt: '2020-12-01T09:00:00Z' }, '2020-12-01T09:00:00Z', null);

  // Approval by the GMIP and submission to OGP.
  await cycle('DraftPlanPublished', { version: '1.0', url: 'https://ogp.gov.al/nap-2020-2022.pdf' }, '2020-12-02T09:00:00Z');
  await cycle('CycleStageAdvanced', { from: 'public_consultation', to: 'approval' }, '2020-12-02T10:00:00Z');
  await cycle('PlanApproved', { body: 'Integrated Policy Management Group (GMIP)', decisionRef: 'GMIP decision no. 5, 10.12.2020', approvedAt: '2020-12-10' }, '2020-12-10T12:00:00Z');
  await cycle('PlanSubmitted', { submittedAt: '2020-12-20' }, '2020-12-20T12:00:00Z');

  return { cycleId, areas, stakeholders, consultations, commitments, milestones, reportId, c, selfAssessmentDue, last };
}

export type NapRecord = Awaited<ReturnType<typeof recordAlbaniaNap>>;
