import type { Actor } from '../../../src/event-store/event-store.port.js';
import type { DraftReport, ReviseReport } from '../../../src/reports/domain/commands.js';
import { reportDecider } from '../../../src/reports/domain/report.decider.js';
import type { FeedbackItem, ReportDrafted, ReportEvent } from '../../../src/reports/domain/events.js';
import { lfpFinance, lfpJustice, poc, spec } from '../../support/decider-spec.js';

// Albania NAP 2020–2022: the Ministry of Finance's report on its fiscal-transparency pre-consultation survey.
const CYCLE = 'cycle-al-2020-2022';
const AREA = 'area-fiscal-transparency';
const CONSULTATION = 'consultation-fiscal-transparency-survey';
const ID = 'report-fiscal-transparency-pre-consultation';
const C1 = 'contribution-citizens-budget';
const C2 = 'contribution-budget-open-data';
const OCCURRED = '2020-09-15T12:00:00.000Z';
const SUMMARY = '34 CSOs answered; priorities: a citizens’ budget and open budget data.';

const ids = { reportId: ID, consultationId: CONSULTATION, cycleId: CYCLE, policyAreaId: AREA };
const feedbackItems: FeedbackItem[] = [{ section: 'Stakeholders reached', comment: 'List the CSOs invited, not only those who answered.' }];

const contributionRefs = (consultationId = CONSULTATION) => [
  { id: C1, exists: true, consultationId },
  { id: C2, exists: true, consultationId },
];

const consultation = (over: Partial<DraftReport['context']['consultation']> = {}) => ({
  exists: true,
  closed: true,
  cycleId: CYCLE,
  policyAreaId: AREA as string | null,
  leadInstitution: 'Ministry of Finance' as string | null,
  ...over,
});

function draft(over: Partial<DraftReport> = {}): DraftReport {
  return {
    type: 'DraftReport',
    actor: lfpFinance,
    occurredAt: OCCURRED,
    reportId: ID,
    consultationId: CONSULTATION,
    summary: SUMMARY,
    contributionIds: [C1, C2],
    context: { consultation: consultation(), contributions: contributionRefs() },
    ...over,
  };
}

function drafted(over: Partial<ReportDrafted['data']> = {}): ReportDrafted {
  return {
    type: 'ReportDrafted',
    data: { ...ids, leadInstitution: 'Ministry of Finance', summary: SUMMARY, contributionIds: [C1, C2], ...over },
  };
}

function revise(over: Partial<ReviseReport> = {}): ReviseReport {
  return {
    type: 'ReviseReport',
    actor: lfpFinance,
    occurredAt: OCCURRED,
    reportId: ID,
    summary: `${SUMMARY} Invited CSOs listed in annex 1.`,
    context: { contributions: [] },
    ...over,
  };
}

const submitted: ReportEvent = { type: 'ReportSubmitted', data: ids };
const accepted: ReportEvent = { type: 'ReportAccepted', data: ids };
const feedbackGiven = (round: number): ReportEvent => ({ type: 'ReportFeedbackGiven', data: { ...ids, round, items: feedbackItems } });
const revisedEvent = (revisionNumber: number, contributionIds = [C1, C2]): ReportEvent => ({
  type: 'ReportRevised',
  data: { ...ids, revisionNumber, summary: `${SUMMARY} Invited CSOs listed in annex 1.`, contributionIds },
});
const publishedEvent = (url: string | null): ReportEvent => ({ type: 'ReportPublished', data: { ...ids, url } });

const command = <T extends string>(type: T, actor: Actor = poc) => ({ type, actor, occurredAt: OCCURRED, reportId: ID });
const submit = (actor: Actor = lfpFinance) => command('SubmitReport', actor);
const feedback = (items: FeedbackItem[] = feedbackItems, actor: Actor = poc) => ({ ...command('GiveReportFeedback', actor), items });
const accept = (actor: Actor = poc) => command('AcceptReport', actor);
const publish = (url?: string, actor: Actor = poc) => ({ ...command('PublishReport', actor), url });

const given = (events: ReportEvent[]) => spec(reportDecider).given(events);

describe('DraftReport', () => {
  it('records the LFP’s report with the contributions it covers', () => {
    given([]).when(draft()).then([drafted()]);
  });

  it('names each contribution once', () => {
    given([]).when(draft({ contributionIds: [C1, C2, C1] })).then([drafted()]);
  });

  it('lets the POC draft', () => {
    given([]).when(draft({ actor: poc })).then([drafted()]);
  });

  it('forbids the LFP of another institution', () => {
    given([]).when(draft({ actor: lfpJustice })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('keeps the report on a consultation outside a policy area (the NCCS meeting) to the POC', () => {
    const context = {
      consultation: consultation({ policyAreaId: null, leadInstitution: 'Office of the Prime Minister' }),
      contributions: contributionRefs(),
    };
    given([])
      .when(draft({ actor: poc, context }))
      .then([drafted({ policyAreaId: null, leadInstitution: null })]);
    given([]).when(draft({ context })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses an id that already exists', () => {
    given([drafted()]).when(draft()).thenThrows('REPORT.ALREADY_EXISTS', 'conflict');
  });

  it('refuses a consultation that does not exist', () => {
    given([])
      .when(draft({ context: { consultation: consultation({ exists: false }), contributions: contributionRefs() } }))
      .thenThrows('CONSULTATION.NOT_FOUND', 'conflict');
  });

  it('refuses a contribution that does not exist', () => {
    const error = given([])
      .when(draft({ context: { consultation: consultation(), contributions: contributionRefs().slice(0, 1) } }))
      .thenThrows('CONTRIBUTION.NOT_FOUND', 'conflict');
    expect(error.details).toEqual({ field: 'contributionIds', missing: [C2] });
  });

  it('refuses a contribution of another consultation', () => {
    given([])
      .when(draft({ context: { consultation: consultation(), contributions: contributionRefs('consultation-other') } }))
      .thenThrows('CONTRIBUTION.OTHER_CONSULTATION', 'conflict');
  });
});

describe('SubmitReport', () => {
  it('submits a draft to the POC', () => {
    given([drafted()]).when(submit()).then([submitted]);
  });

  it('lets the POC submit', () => {
    given([drafted()]).when(submit(poc)).then([submitted]);
  });

  it('forbids the LFP of another institution', () => {
    given([drafted()]).when(submit(lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it.each<[string, ReportEvent[]]>([
    ['submitted', [drafted(), submitted]],
    ['accepted', [drafted(), submitted, accepted]],
  ])('refuses a report already %s', (_, events) => {
    given(events).when(submit()).thenThrows('REPORT.NOT_DRAFT', 'conflict');
  });

  it('refuses a report that does not exist', () => {
    given([]).when(submit()).thenThrows('REPORT.NOT_FOUND', 'not_found');
  });
});

describe('GiveReportFeedback', () => {
  it('records the POC’s structured feedback as round 1', () => {
    given([drafted(), submitted]).when(feedback()).then([feedbackGiven(1)]);
  });

  it('takes any number of rounds on a submitted report', () => {
    given([drafted(), submitted, feedbackGiven(1)]).when(feedback()).then([feedbackGiven(2)]);
  });

  it('refuses a draft', () => {
    given([drafted()]).when(feedback()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
  });

  it('refuses a revised report until it is submitted again, then counts rounds on', () => {
    const revisedBack = [drafted(), submitted, feedbackGiven(1), revisedEvent(1)];
    given(revisedBack).when(feedback()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
    given([...revisedBack, submitted]).when(feedback()).then([feedbackGiven(2)]);
  });

  it('refuses an accepted report', () => {
    given([drafted(), submitted, accepted]).when(feedback()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
  });

  it.each<[string, FeedbackItem[]]>([
    ['no item', []],
    ['an empty comment', [{ section: 'Stakeholders reached', comment: '  ' }]],
    ['an empty section', [{ section: '', comment: 'List the CSOs invited.' }]],
  ])('refuses feedback with %s', (_, items) => {
    const error = given([drafted(), submitted]).when(feedback(items)).thenThrows('REPORT.FEEDBACK_REQUIRED', 'invalid');
    expect(error.details).toEqual({ field: 'items' });
  });

  it('is the POC’s alone', () => {
    given([drafted(), submitted]).when(feedback(feedbackItems, lfpFinance)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a report that does not exist', () => {
    given([]).when(feedback()).thenThrows('REPORT.NOT_FOUND', 'not_found');
  });
});

describe('ReviseReport', () => {
  it('returns a submitted report to draft as revision 1, keeping its contributions', () => {
    given([drafted(), submitted, feedbackGiven(1)]).when(revise()).then([revisedEvent(1)]);
  });

  it('revises a draft and numbers revisions', () => {
    given([drafted(), revisedEvent(1)]).when(revise()).then([revisedEvent(2)]);
  });

  it('replaces the contributions it covers when it names them', () => {
    given([drafted()])
      .when(revise({ contributionIds: [C2], context: { contributions: contributionRefs() } }))
      .then([revisedEvent(1, [C2])]);
  });

  it('checks the contributions it names', () => {
    given([drafted()])
      .when(revise({ contributionIds: [C2], context: { contributions: [] } }))
      .thenThrows('CONTRIBUTION.NOT_FOUND', 'conflict');
    given([drafted()])
      .when(revise({ contributionIds: [C2], context: { contributions: contributionRefs('consultation-other') } }))
      .thenThrows('CONTRIBUTION.OTHER_CONSULTATION', 'conflict');
  });

  it.each<[string, ReportEvent[]]>([
    ['accepted', [drafted(), submitted, accepted]],
    ['published', [drafted(), submitted, accepted, publishedEvent(null)]],
  ])('refuses a report already %s', (_, events) => {
    given(events).when(revise()).thenThrows('REPORT.ALREADY_ACCEPTED', 'conflict');
  });

  it('lets the POC revise', () => {
    given([drafted(), submitted]).when(revise({ actor: poc })).then([revisedEvent(1)]);
  });

  it('forbids the LFP of another institution', () => {
    given([drafted(), submitted]).when(revise({ actor: lfpJustice })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a report that does not exist', () => {
    given([]).when(revise()).thenThrows('REPORT.NOT_FOUND', 'not_found');
  });
});

describe('AcceptReport', () => {
  it('accepts a submitted report', () => {
    given([drafted(), submitted, feedbackGiven(1)]).when(accept()).then([accepted]);
  });

  it('refuses a draft', () => {
    given([drafted()]).when(accept()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
  });

  it('refuses a revised report until it is submitted again', () => {
    given([drafted(), submitted, revisedEvent(1)]).when(accept()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
    given([drafted(), submitted, revisedEvent(1), submitted]).when(accept()).then([accepted]);
  });

  it('accepts once', () => {
    given([drafted(), submitted, accepted]).when(accept()).thenThrows('REPORT.NOT_SUBMITTED', 'conflict');
  });

  it('is the POC’s alone', () => {
    given([drafted(), submitted]).when(accept(lfpFinance)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a report that does not exist', () => {
    given([]).when(accept()).thenThrows('REPORT.NOT_FOUND', 'not_found');
  });
});

describe('PublishReport', () => {
  it('publishes an accepted report on the OGP web', () => {
    given([drafted(), submitted, accepted])
      .when(publish('https://ogp.gov.al/reports/fiscal-transparency-pre-consultation.pdf'))
      .then([publishedEvent('https://ogp.gov.al/reports/fiscal-transparency-pre-consultation.pdf')]);
  });

  it('records no url as null', () => {
    given([drafted(), submitted, accepted]).when(publish()).then([publishedEvent(null)]);
  });

  it.each<[string, ReportEvent[]]>([
    ['a draft', [drafted()]],
    ['a submitted report', [drafted(), submitted]],
    ['a published report', [drafted(), submitted, accepted, publishedEvent(null)]],
  ])('refuses %s', (_, events) => {
    given(events).when(publish()).thenThrows('REPORT.NOT_ACCEPTED', 'conflict');
  });

  it('is the POC’s alone', () => {
    given([drafted(), submitted, accepted]).when(publish(undefined, lfpFinance)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a report that does not exist', () => {
    given([]).when(publish()).thenThrows('REPORT.NOT_FOUND', 'not_found');
  });
});

describe('state', () => {
  it('follows the report through feedback rounds and revisions', () => {
    const state = spec(reportDecider).given([drafted(), submitted, feedbackGiven(1), revisedEvent(1, [C2]), submitted, feedbackGiven(2)]).state;
    expect(state).toEqual({
      exists: true,
      status: 'submitted',
      consultationId: CONSULTATION,
      cycleId: CYCLE,
      policyAreaId: AREA,
      leadInstitution: 'Ministry of Finance',
      contributionIds: [C2],
      round: 2,
      revisionNumber: 1,
    });
  });
});
