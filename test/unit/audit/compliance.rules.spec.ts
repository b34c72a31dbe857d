import { evaluateCompliance, evaluateComplianceInSteps, type ComplianceFact } from '../../../projections/compliance/compliance.rules.js';

/** given facts (in log order) / when evaluated on a day / then a check's verdict: no Nest, no database. */
let seq = 0;
const fact = (type: string, at: string, data: Record<string, unknown> = {}): ComplianceFact => ({
  eventId: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  type,
  position: `1:${seq}`,
  occurredAt: new Date(at),
  data,
});

const CYCLE = [
  fact('CycleOpened', '2021-01-04T09:00:00Z', { title: 'Test cycle' }),
  fact('ConsultationAnnounced', '2021-01-20T09:00:00Z', {
    consultationId: 'k1',
    kind: 'thematic_meeting',
    title: 'Thematic group',
    announcedAt: '2021-01-20T09:00:00Z',
    opensAt: '2021-02-10T09:00:00Z',
    closesAt: '2021-02-20T09:00:00Z',
  }),
];
const received = (id: string, at: string) => fact('ContributionReceived', at, { contributionId: id, consultationId: 'k1', receivedAt: at });
const responded = (id: string, at: string) => fact('ContributionResponded', at, { contributionId: id, responseNumber: 1 });
const published = (id: string, at: string) => fact('ResponsePublished', at, { contributionId: id, responseNumber: 1 });
const submitted = (at: string) => [
  fact('PlanApproved', at, { approvedAt: at, body: 'GMIP', decisionRef: '1/2021' }),
  fact('PlanSubmitted', at, { submittedAt: at }),
];

function reasoned(facts: ComplianceFact[], today = '2022-01-01T00:00:00Z') {
  const view = evaluateCompliance('cycle-1', facts, new Date(today))!;
  return view.checks.find((c) => c.id === 'reasoned_response_published')!;
}

describe('reasoned_response_published', () => {
  it('given a response answered again after its publication, and not published again by submission: not covered', () => {
    const check = reasoned([
      ...CYCLE,
      received('a', '2021-02-11T09:00:00Z'),
      responded('a', '2021-02-15T09:00:00Z'),
      published('a', '2021-02-16T09:00:00Z'),
      responded('a', '2021-03-01T09:00:00Z'),
      ...submitted('2021-04-01T00:00:00Z'),
      published('a', '2021-05-01T09:00:00Z'),
    ]);
    expect(check.status).toBe('not_met');
    expect(check.findings).toEqual([{ contributionId: 'a', consultationId: 'k1', reason: 'response_not_published' }]);
  });

  it('given a duplicate of an unanswered canonical: neither is covered; given the canonical published: both are', () => {
    const base = [...CYCLE, received('a', '2021-02-11T09:00:00Z'), received('b', '2021-02-12T09:00:00Z'), fact('ContributionMarkedDuplicate', '2021-02-13T09:00:00Z', { contributionId: 'b', canonicalId: 'a' })];
    expect(reasoned([...base, ...submitted('2021-04-01T00:00:00Z')]).findings).toEqual([
      { contributionId: 'a', consultationId: 'k1', reason: 'no_response' },
      { contributionId: 'b', consultationId: 'k1', reason: 'canonical_without_published_response', canonicalId: 'a' },
    ]);
    const covered = reasoned([...base, responded('a', '2021-03-01T09:00:00Z'), published('a', '2021-03-02T09:00:00Z'), ...submitted('2021-04-01T00:00:00Z')]);
    expect(covered.status).toBe('met');
    expect(covered.detail).toMatch(/^2 of 2 contributions/);
  });

  it('given one withdrawn and one received after the submission: both left out', () => {
    const check = reasoned([
      ...CYCLE,
      received('a', '2021-02-11T09:00:00Z'),
      fact('ContributionWithdrawn', '2021-02-12T09:00:00Z', { contributionId: 'a' }),
      ...submitted('2021-04-01T00:00:00Z'),
      received('late', '2021-04-02T09:00:00Z'),
    ]);
    expect(check.status).toBe('met');
    expect(check.detail).toMatch(/0 of 0 contributions .*; 1 contribution received after the submission not counted$/);
  });
});

describe('forum_meets_regularly', () => {
  const forum = (facts: ComplianceFact[], today: string) => evaluateCompliance('cycle-1', facts, new Date(today))!.checks[0];
  const meeting = (at: string) => fact('ForumMeetingHeld', at, { heldAt: at });

  it('given a meeting before the first consultation and none since: not met once more than 183 days have passed, measured to today', () => {
    const facts = [...CYCLE.slice(0, 1), meeting('2021-01-11T09:00:00Z'), ...CYCLE.slice(1)];
    expect(forum(facts, '2021-07-12T09:00:00Z').status).toBe('pending');
    const late = forum(facts, '2021-07-14T09:00:00Z');
    expect(late.status).toBe('not_met');
    expect(late.findings).toEqual([expect.objectContaining({ kind: 'gap', days: 184, fromWhat: 'the forum meeting of 2021-01-11', toWhat: 'today' })]);
  });

  it('given thresholds set twice: the last one applies', () => {
    const facts = [
      ...CYCLE,
      fact('ComplianceThresholdsSet', '2021-01-05T09:00:00Z', { thresholds: { forumMaxGapDays: 30, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 } }),
      fact('ComplianceThresholdsSet', '2021-01-06T09:00:00Z', { thresholds: { forumMaxGapDays: 90, timelineNoticeDays: 14, consultationNoticeDays: 14, repositoryUpdatesPerYear: 2 } }),
    ];
    expect(evaluateCompliance('cycle-1', facts, new Date('2021-01-20T00:00:00Z'))!.thresholds.forumMaxGapDays).toBe(90);
  });
});

it('given no CycleOpened: no answer (the endpoint says 404)', () => {
  expect(evaluateCompliance('cycle-1', CYCLE.slice(1), new Date())).toBeNull();
});

describe('evaluated in steps (the website, for a large cycle)', () => {
  it('given 5,000 contributions, half published: the same verdicts as in one go, with pauses between, and no summaries when asked for none', async () => {
    const facts = [...CYCLE];
    for (let i = 0; i < 5000; i++) {
      facts.push(received(`c${i}`, '2021-02-12T09:00:00Z'));
      if (i % 2 === 0) facts.push(responded(`c${i}`, '2021-03-01T09:00:00Z'), published(`c${i}`, '2021-03-02T09:00:00Z'));
    }
    facts.push(...submitted('2021-06-01T09:00:00Z'));
    const today = new Date('2021-07-01T00:00:00Z');
    let pauses = 0;
    const stepped = await evaluateComplianceInSteps('cycle-1', facts, today, { summaries: false }, async () => {
      pauses++;
    });
    const whole = evaluateCompliance('cycle-1', facts, today)!;
    expect(pauses).toBeGreaterThan(5);
    const verdicts = (v: typeof whole) => v.checks.map((c) => ({ id: c.id, status: c.status, detail: c.detail, evidence: c.evidence.map((e) => e.eventId) }));
    expect(verdicts(stepped!)).toEqual(verdicts(whole));
    expect(whole.checks.find((c) => c.id === 'reasoned_response_published')).toMatchObject({ status: 'not_met', detail: expect.stringMatching(/^2500 of 5,?000 contributions/) });
    expect(stepped!.checks.flatMap((c) => c.evidence).every((e) => e.summary === '')).toBe(true);
    expect(whole.checks.flatMap((c) => c.evidence).some((e) => e.summary !== '')).toBe(true);
  });
});
