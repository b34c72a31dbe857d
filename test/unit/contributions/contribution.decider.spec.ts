import type { Actor } from '../../../src/event-store/event-store.port.js';
import type {
  MarkDuplicate,
  ReceiveContribution,
  RespondToContribution,
} from '../../../src/contributions/domain/commands.js';
import {
  contributionDecider,
  contributionStatus,
  statusFactsOf,
  contributorOf,
  type ContributionState,
} from '../../../src/contributions/domain/contribution.decider.js';
import type {
  ContributionEvent,
  ContributionReceived,
  Decision,
  ReviewVerdict,
} from '../../../src/contributions/domain/events.js';
import { fold } from '../../../src/shared/decider.js';
import { lfpFinance, lfpJustice, poc, spec, stakeholderActor } from '../../support/decider-spec.js';

// Albania NAP 2020–2022: an anti-corruption thematic meeting led by the Ministry of Justice.
const CYCLE = 'cycle-al-2020-2022';
const OTHER_CYCLE = 'cycle-al-2018-2020';
const AREA = 'area-anti-corruption';
const CONSULTATION = 'consultation-anti-corruption-thematic-1';
const ID = 'contribution-whistleblower-protection';
const CANONICAL = 'contribution-whistleblower-portal';
const CSO = 'stakeholder-kryqezimi-ngo';
const CITIZEN = 'stakeholder-citizen-elira';
const COMMITMENT = 'commitment-asset-declarations-online';
const OCCURRED = '2020-10-06T10:00:00.000Z';

const nais: Actor = { id: 'user-nais', role: 'lfp', institution: 'National Agency for Information Society' };
const cso = stakeholderActor(CSO);

const consultation = (over: Partial<ReceiveContribution['context']['consultation']> = {}) => ({
  exists: true,
  closed: false,
  cycleId: CYCLE,
  policyAreaId: AREA as string | null,
  leadInstitution: 'Ministry of Justice' as string | null,
  ...over,
});

type ReceiveContext = ReceiveContribution['context'];
const csoSnapshot: ReceiveContext['stakeholder'] = { id: CSO, exists: true, kind: 'cso' };
const receiveContext = (over: Partial<ReceiveContext> = {}): ReceiveContext => ({
  consultation: consultation(),
  stakeholder: csoSnapshot,
  commitment: null,
  ...over,
});

function receive(over: Partial<ReceiveContribution> = {}): ReceiveContribution {
  return {
    type: 'ReceiveContribution',
    actor: lfpJustice,
    occurredAt: OCCURRED,
    contributionId: ID,
    consultationId: CONSULTATION,
    stakeholderId: CSO,
    channel: 'meeting',
    body: 'Publish asset declarations of senior officials in open data format.',
    receivedAt: '2020-10-05T14:30:00.000Z',
    context: receiveContext(),
    ...over,
  };
}

function received(over: Partial<ContributionReceived['data']> = {}): ContributionReceived {
  return {
    type: 'ContributionReceived',
    data: {
      contributionId: ID,
      consultationId: CONSULTATION,
      cycleId: CYCLE,
      policyAreaId: AREA,
      leadInstitution: 'Ministry of Justice',
      stakeholderId: CSO,
      channel: 'meeting',
      body: 'Publish asset declarations of senior officials in open data format.',
      commitmentId: null,
      receivedAt: '2020-10-05T14:30:00.000Z',
      late: false,
      source: null,
      personalDataSubject: null,
      ...over,
    },
  };
}

const commitmentRef = (over: Partial<RespondToContribution['context']['commitments'][number]> = {}) => ({
  id: COMMITMENT,
  exists: true,
  cycleId: CYCLE,
  withdrawn: false,
  areaLeadInstitution: 'Ministry of Justice',
  ...over,
});

function respond(over: Partial<RespondToContribution> = {}): RespondToContribution {
  return {
    type: 'RespondToContribution',
    actor: lfpJustice,
    occurredAt: OCCURRED,
    contributionId: ID,
    decision: 'accepted',
    rationale: 'Included as milestone 2 of the asset declaration commitment.',
    commitmentIds: [COMMITMENT],
    context: { commitments: [commitmentRef()] },
    ...over,
  };
}

const responded = (responseNumber = 1, decision: Decision = 'accepted', commitmentIds = [COMMITMENT]): ContributionEvent => ({
  type: 'ContributionResponded',
  data: {
    contributionId: ID,
    cycleId: CYCLE,
    policyAreaId: AREA,
    responseNumber,
    decision,
    rationale: 'Included as milestone 2 of the asset declaration commitment.',
    commitmentIds,
  },
});

const reviewed = (verdict: ReviewVerdict, responseNumber = 1, comment: string | null = null): ContributionEvent => ({
  type: 'ResponseReviewed',
  data: { contributionId: ID, cycleId: CYCLE, policyAreaId: AREA, responseNumber, verdict, comment },
});

const published = (responseNumber = 1): ContributionEvent => ({
  type: 'ResponsePublished',
  data: { contributionId: ID, cycleId: CYCLE, policyAreaId: AREA, responseNumber },
});

const withdrawn = (reason: string | null = null): ContributionEvent => ({
  type: 'ContributionWithdrawn',
  data: { contributionId: ID, cycleId: CYCLE, policyAreaId: AREA, reason },
});

const redacted = (reason = 'Names a private person'): ContributionEvent => ({
  type: 'ContributionRedacted',
  data: { contributionId: ID, cycleId: CYCLE, policyAreaId: AREA, reason },
});

const markedDuplicate = (canonicalId = CANONICAL): ContributionEvent => ({
  type: 'ContributionMarkedDuplicate',
  data: { contributionId: ID, cycleId: CYCLE, policyAreaId: AREA, canonicalId },
});

const review = (verdict: ReviewVerdict = 'endorsed', actor: Actor = poc, comment?: string) => ({
  type: 'ReviewResponse' as const,
  actor,
  occurredAt: OCCURRED,
  contributionId: ID,
  verdict,
  comment,
});

const publish = (actor: Actor = poc) => ({ type: 'PublishResponse' as const, actor, occurredAt: OCCURRED, contributionId: ID });

const withdraw = (actor: Actor = cso, reason?: string) => ({
  type: 'WithdrawContribution' as const,
  actor,
  occurredAt: OCCURRED,
  contributionId: ID,
  reason,
});

const redact = (reason = 'Names a private person', actor: Actor = poc) => ({
  type: 'RedactContribution' as const,
  actor,
  occurredAt: OCCURRED,
  contributionId: ID,
  reason,
});

function markDuplicate(over: Partial<MarkDuplicate> = {}, canonical: Partial<MarkDuplicate['context']['canonical']> = {}): MarkDuplicate {
  return {
    type: 'MarkDuplicate',
    actor: lfpJustice,
    occurredAt: OCCURRED,
    contributionId: ID,
    canonicalId: CANONICAL,
    context: { canonical: { exists: true, cycleId: CYCLE, withdrawn: false, chain: [], leadInstitution: 'Ministry of Justice', ...canonical } },
    ...over,
  };
}

const given = (events: ContributionEvent[]) => spec(contributionDecider).given(events);
const stateOf = (events: ContributionEvent[]) => fold(contributionDecider, events) as Extract<ContributionState, { exists: true }>;

describe('ReceiveContribution', () => {
  it('records a CSO remark from meeting minutes, taking cycle, area and lead from the consultation', () => {
    given([]).when(receive()).then([received()]);
  });

  it('takes receivedAt from occurredAt when the command gives none', () => {
    given([])
      .when(receive({ receivedAt: undefined }))
      .then([received({ receivedAt: OCCURRED })]);
  });

  it('encrypts under the stakeholder when the contributor is an individual', () => {
    given([])
      .when(receive({ stakeholderId: CITIZEN, context: receiveContext({ stakeholder: { id: CITIZEN, exists: true, kind: 'individual' } }) }))
      .then([received({ stakeholderId: CITIZEN, personalDataSubject: CITIZEN })]);
  });

  it('lets a stakeholder that names no one submit as itself', () => {
    given([])
      .when(receive({ actor: cso, stakeholderId: undefined, channel: 'online_comment' }))
      .then([received({ channel: 'online_comment' })]);
  });

  it('lets a stakeholder submit naming itself', () => {
    given([]).when(receive({ actor: cso })).then([received()]);
  });

  it('forbids a stakeholder to submit as someone else', () => {
    given([])
      .when(receive({ actor: stakeholderActor('stakeholder-other-ngo') }))
      .thenThrows('AUTH.NOT_SELF', 'forbidden');
  });

  it('forbids a stakeholder an explicit null: anonymous input is not "itself"', () => {
    given([]).when(receive({ actor: cso, stakeholderId: null, context: receiveContext({ stakeholder: null }) })).thenThrows('AUTH.NOT_SELF', 'forbidden');
  });

  it('lets the POC record contributions', () => {
    given([]).when(receive({ actor: poc })).then([received()]);
  });

  it('lets the LFP of the area record an anonymous survey answer, with its source', () => {
    const source = { kind: 'survey_response' as const, responseId: 'response-17', questionId: 'q-priorities' };
    given([])
      .when(receive({ stakeholderId: null, channel: 'survey', source, context: receiveContext({ stakeholder: null }) }))
      .then([received({ stakeholderId: null, channel: 'survey', source })]);
  });

  it('forbids the LFP of another institution', () => {
    given([]).when(receive({ actor: lfpFinance })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('keeps a consultation without a policy area (the NCCS council meeting) to the POC', () => {
    const council = consultation({ policyAreaId: null, leadInstitution: 'Office of the Prime Minister' });
    const context = receiveContext({ consultation: council });
    given([])
      .when(receive({ actor: poc, context }))
      .then([received({ policyAreaId: null, leadInstitution: null })]);
    given([]).when(receive({ actor: lfpJustice, context })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses an id that already exists', () => {
    given([received()]).when(receive()).thenThrows('CONTRIBUTION.ALREADY_EXISTS', 'conflict');
  });

  it('refuses a consultation that does not exist', () => {
    given([])
      .when(receive({ context: receiveContext({ consultation: consultation({ exists: false }) }) }))
      .thenThrows('CONSULTATION.NOT_FOUND', 'conflict');
  });

  describe('after the consultation closed', () => {
    const closedContext = receiveContext({ consultation: consultation({ closed: true }) });

    it('refuses a contribution that is not declared late', () => {
      given([]).when(receive({ context: closedContext })).thenThrows('CONSULTATION.CLOSED', 'conflict');
    });

    it('takes it with late: true and marks it late', () => {
      given([]).when(receive({ context: closedContext, late: true })).then([received({ late: true })]);
    });
  });

  it('does not mark late a contribution to an open consultation, whatever the client asks', () => {
    given([]).when(receive({ late: true })).then([received({ late: false })]);
  });

  it.each<[string, ReceiveContext['stakeholder']]>([
    ['no snapshot', null],
    ['an unknown stakeholder', { id: CSO, exists: false, kind: null }],
  ])('refuses a stakeholder that is not registered (%s)', (_, stakeholder) => {
    given([])
      .when(receive({ context: receiveContext({ stakeholder }) }))
      .thenThrows('STAKEHOLDER.NOT_FOUND', 'conflict');
  });

  describe('a comment on a draft commitment', () => {
    const withCommitment = (commitment: ReceiveContext['commitment']) =>
      receive({ commitmentId: COMMITMENT, context: receiveContext({ commitment }) });

    it('names the commitment', () => {
      given([]).when(withCommitment({ exists: true, cycleId: CYCLE })).then([received({ commitmentId: COMMITMENT })]);
    });

    it('refuses a commitment that does not exist', () => {
      given([]).when(withCommitment({ exists: false, cycleId: CYCLE })).thenThrows('COMMITMENT.NOT_FOUND', 'conflict');
      given([]).when(withCommitment(null)).thenThrows('COMMITMENT.NOT_FOUND', 'conflict');
    });

    it('refuses a commitment of another cycle', () => {
      given([]).when(withCommitment({ exists: true, cycleId: OTHER_CYCLE })).thenThrows('COMMITMENT.OTHER_CYCLE', 'conflict');
    });
  });

  it('names the contributor handlers must load', () => {
    expect(contributorOf({ actor: cso })).toBe(CSO);
    expect(contributorOf({ actor: poc })).toBeNull();
    expect(contributorOf({ actor: lfpJustice, stakeholderId: CITIZEN })).toBe(CITIZEN);
    expect(contributorOf({ actor: cso, stakeholderId: null })).toBeNull();
  });
});

describe('RespondToContribution', () => {
  it('refuses a contribution that does not exist', () => {
    given([]).when(respond()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });

  it("refuses an LFP naming a commitment of another institution's policy area", () => {
    const error = given([received()])
      .when(respond({ context: { commitments: [commitmentRef({ areaLeadInstitution: 'Ministry of Finance' })] } }))
      .thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    expect(error.details).toEqual({ field: 'commitmentIds', ids: [COMMITMENT] });
  });

  it('lets the POC name a commitment of any policy area', () => {
    given([received()])
      .when(respond({ actor: poc, context: { commitments: [commitmentRef({ areaLeadInstitution: 'Ministry of Finance' })] } }))
      .then([responded(1)]);
  });

  it('records the LFP’s reasoned response as response 1, rationale trimmed', () => {
    given([received()])
      .when(respond({ rationale: '  Included as milestone 2 of the asset declaration commitment.  ' }))
      .then([responded(1)]);
  });

  it('lets the POC respond', () => {
    given([received()]).when(respond({ actor: poc })).then([responded(1)]);
  });

  it('forbids the LFP of another institution', () => {
    given([received()]).when(respond({ actor: lfpFinance })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('keeps contributions outside a policy area to the POC', () => {
    given([received({ policyAreaId: null, leadInstitution: null })])
      .when(respond())
      .thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses an empty rationale', () => {
    const error = given([received()]).when(respond({ rationale: '   ' })).thenThrows('CONTRIBUTION.RATIONALE_REQUIRED', 'invalid');
    expect(error.details).toEqual({ field: 'rationale' });
  });

  it('refuses a missing decision', () => {
    given([received()])
      .when(respond({ decision: undefined as unknown as Decision }))
      .thenThrows('CONTRIBUTION.DECISION_REQUIRED', 'invalid');
  });

  it.each<Decision>(['accepted', 'partially_accepted'])('refuses %s without a commitment', (decision) => {
    const error = given([received()])
      .when(respond({ decision, commitmentIds: [] }))
      .thenThrows('CONTRIBUTION.COMMITMENT_REQUIRED', 'invalid');
    expect(error.details).toEqual({ field: 'commitmentIds' });
  });

  it.each<Decision>(['not_accepted', 'out_of_scope', 'already_addressed', 'noted'])('takes %s without a commitment', (decision) => {
    given([received()])
      .when(respond({ decision, commitmentIds: undefined, context: { commitments: [] } }))
      .then([responded(1, decision, [])]);
  });

  it('refuses a withdrawn contribution', () => {
    given([received(), withdrawn()]).when(respond()).thenThrows('CONTRIBUTION.WITHDRAWN', 'conflict');
  });

  it('refuses a duplicate: the canonical one is answered', () => {
    given([received(), markedDuplicate()]).when(respond()).thenThrows('CONTRIBUTION.IS_DUPLICATE', 'conflict');
  });

  it('refuses a commitment that does not exist', () => {
    const error = given([received()])
      .when(respond({ context: { commitments: [] } }))
      .thenThrows('COMMITMENT.NOT_FOUND', 'conflict');
    expect(error.details).toEqual({ field: 'commitmentIds', missing: [COMMITMENT] });
  });

  it('refuses a commitment of another cycle', () => {
    given([received()])
      .when(respond({ context: { commitments: [commitmentRef({ cycleId: OTHER_CYCLE })] } }))
      .thenThrows('COMMITMENT.OTHER_CYCLE', 'conflict');
  });

  it('refuses a withdrawn commitment', () => {
    given([received()])
      .when(respond({ context: { commitments: [commitmentRef({ withdrawn: true })] } }))
      .thenThrows('COMMITMENT.WITHDRAWN', 'conflict');
  });

  it('names each commitment once', () => {
    given([received()]).when(respond({ commitmentIds: [COMMITMENT, COMMITMENT] })).then([responded(1)]);
  });

  describe('revision history', () => {
    it('numbers a second response 2 and clears the verdict the POC gave the first', () => {
      const history = [received(), responded(1), reviewed('revision_requested')];
      given(history)
        .when(respond({ decision: 'partially_accepted' }))
        .then([responded(2, 'partially_accepted')]);

      const after = [...history, responded(2, 'partially_accepted')];
      expect(stateOf(after).currentResponse).toEqual({
        decision: 'partially_accepted',
        commitmentIds: [COMMITMENT],
        verdict: null,
        published: false,
      });
      expect(contributionStatus(statusFactsOf(stateOf(after)))).toBe('responded');
      // The new response awaits its own review.
      given(after).when(review('endorsed')).then([reviewed('endorsed', 2)]);
    });

    it('clears an earlier publication: the new response must be endorsed and published again', () => {
      const after = [received(), responded(1), reviewed('endorsed'), published(1), responded(2, 'noted', [])];
      expect(contributionStatus(statusFactsOf(stateOf(after)))).toBe('responded');
      given(after).when(publish()).thenThrows('CONTRIBUTION.NOT_ENDORSED', 'conflict');
    });
  });
});

describe('ReviewResponse', () => {
  it('records the POC endorsing the current response', () => {
    given([received(), responded(1)]).when(review('endorsed')).then([reviewed('endorsed', 1)]);
  });

  it('records a request for revision, comment trimmed', () => {
    given([received(), responded(1)])
      .when(review('revision_requested', poc, '  Explain why milestone 3 was dropped. '))
      .then([reviewed('revision_requested', 1, 'Explain why milestone 3 was dropped.')]);
  });

  it('is the POC’s alone', () => {
    given([received(), responded(1)]).when(review('endorsed', lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a contribution that does not exist', () => {
    given([]).when(review()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });

  it('needs a response', () => {
    given([received()]).when(review()).thenThrows('CONTRIBUTION.NOT_RESPONDED', 'conflict');
  });

  it.each<ReviewVerdict>(['endorsed', 'revision_requested'])('reviews a response once (already %s)', (verdict) => {
    given([received(), responded(1), reviewed(verdict)]).when(review('endorsed')).thenThrows('CONTRIBUTION.ALREADY_REVIEWED', 'conflict');
  });

  it('refuses a withdrawn contribution', () => {
    given([received(), responded(1), withdrawn()]).when(review()).thenThrows('CONTRIBUTION.WITHDRAWN', 'conflict');
  });
});

describe('PublishResponse', () => {
  it('publishes an endorsed response', () => {
    given([received(), responded(1), reviewed('endorsed')]).when(publish()).then([published(1)]);
  });

  it('is the POC’s alone', () => {
    given([received(), responded(1), reviewed('endorsed')]).when(publish(lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a contribution that does not exist', () => {
    given([]).when(publish()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });

  it('needs a response', () => {
    given([received()]).when(publish()).thenThrows('CONTRIBUTION.NOT_RESPONDED', 'conflict');
  });

  it('refuses a response not reviewed yet', () => {
    given([received(), responded(1)]).when(publish()).thenThrows('CONTRIBUTION.NOT_ENDORSED', 'conflict');
  });

  it('refuses a response sent back for revision', () => {
    given([received(), responded(1), reviewed('revision_requested')]).when(publish()).thenThrows('CONTRIBUTION.NOT_ENDORSED', 'conflict');
  });

  it('publishes once', () => {
    given([received(), responded(1), reviewed('endorsed'), published(1)]).when(publish()).thenThrows('CONTRIBUTION.ALREADY_PUBLISHED', 'conflict');
  });

  it('refuses a withdrawn contribution', () => {
    given([received(), responded(1), reviewed('endorsed'), withdrawn()]).when(publish()).thenThrows('CONTRIBUTION.WITHDRAWN', 'conflict');
  });

  it('refuses a duplicate: the canonical one is published', () => {
    given([received(), markedDuplicate()]).when(publish()).thenThrows('CONTRIBUTION.IS_DUPLICATE', 'conflict');
  });
});

describe('WithdrawContribution', () => {
  it('lets the author withdraw, reason trimmed', () => {
    given([received()])
      .when(withdraw(cso, ' Merged into our joint submission. '))
      .then([withdrawn('Merged into our joint submission.')]);
  });

  it('records no reason as null', () => {
    given([received()]).when(withdraw(cso, '  ')).then([withdrawn(null)]);
  });

  it.each<[string, Actor]>([
    ['another stakeholder', stakeholderActor('stakeholder-other-ngo')],
    ['the POC', poc],
    ['the LFP of the area', lfpJustice],
  ])('forbids %s', (_, actor) => {
    given([received()]).when(withdraw(actor)).thenThrows('CONTRIBUTION.NOT_AUTHOR', 'forbidden');
  });

  it('goes by role as well as id: only a stakeholder is an author', () => {
    given([received()]).when(withdraw({ id: CSO, role: 'lfp', institution: 'Ministry of Justice' })).thenThrows('CONTRIBUTION.NOT_AUTHOR', 'forbidden');
  });

  it('lets nobody withdraw anonymous input', () => {
    given([received({ stakeholderId: null })]).when(withdraw(cso)).thenThrows('CONTRIBUTION.NOT_AUTHOR', 'forbidden');
  });

  it('withdraws once', () => {
    given([received(), withdrawn()]).when(withdraw()).thenThrows('CONTRIBUTION.ALREADY_WITHDRAWN', 'conflict');
  });

  it('refuses a contribution that does not exist', () => {
    given([]).when(withdraw()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });
});

describe('RedactContribution', () => {
  it('lets the POC redact with a reason', () => {
    given([received()]).when(redact(' Names a private person ')).then([redacted('Names a private person')]);
  });

  it('needs a reason', () => {
    const error = given([received()]).when(redact('  ')).thenThrows('CONTRIBUTION.REASON_REQUIRED', 'invalid');
    expect(error.details).toEqual({ field: 'reason' });
  });

  it('redacts once', () => {
    given([received(), redacted()]).when(redact()).thenThrows('CONTRIBUTION.ALREADY_REDACTED', 'conflict');
  });

  it('is the POC’s alone', () => {
    given([received()]).when(redact('Offensive language', lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a contribution that does not exist', () => {
    given([]).when(redact()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });

  it('keeps the contribution answerable', () => {
    given([received(), redacted()]).when(respond()).then([responded(1)]);
  });
});

describe('MarkDuplicate', () => {
  it('lets the LFP of the area group it under a canonical contribution', () => {
    given([received()]).when(markDuplicate()).then([markedDuplicate()]);
  });

  it('lets the POC mark duplicates', () => {
    given([received()]).when(markDuplicate({ actor: poc })).then([markedDuplicate()]);
  });

  it('forbids the LFP of another institution', () => {
    given([received()]).when(markDuplicate({ actor: nais })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a contribution that does not exist', () => {
    given([]).when(markDuplicate()).thenThrows('CONTRIBUTION.NOT_FOUND', 'not_found');
  });

  it('refuses itself as canonical', () => {
    given([received()]).when(markDuplicate({ canonicalId: ID })).thenThrows('CONTRIBUTION.SELF_DUPLICATE', 'conflict');
  });

  it('refuses a canonical that does not exist', () => {
    given([received()]).when(markDuplicate({}, { exists: false })).thenThrows('CONTRIBUTION.CANONICAL_NOT_FOUND', 'conflict');
  });

  it('refuses a canonical of another cycle', () => {
    given([received()]).when(markDuplicate({}, { cycleId: OTHER_CYCLE })).thenThrows('CONTRIBUTION.OTHER_CYCLE', 'conflict');
  });

  it("refuses an LFP grouping it under a canonical of another institution's area, or of the whole cycle", () => {
    const error = given([received()])
      .when(markDuplicate({}, { leadInstitution: 'Ministry of Finance' }))
      .thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    expect(error.details).toEqual({ field: 'canonicalId', ids: [CANONICAL] });
    given([received()]).when(markDuplicate({}, { leadInstitution: null })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('lets the POC group it under a canonical of any area', () => {
    given([received()]).when(markDuplicate({ actor: poc }, { leadInstitution: 'Ministry of Finance' })).then([markedDuplicate()]);
  });

  it('refuses a loop back to itself', () => {
    // The canonical already duplicates this one.
    given([received()]).when(markDuplicate({}, { chain: [ID] })).thenThrows('CONTRIBUTION.DUPLICATE_LOOP', 'conflict');
    // ...or duplicates one that does.
    given([received()])
      .when(markDuplicate({}, { chain: ['contribution-e-procurement', ID] }))
      .thenThrows('CONTRIBUTION.DUPLICATE_LOOP', 'conflict');
  });

  it('takes a canonical that is itself a duplicate of another', () => {
    given([received()]).when(markDuplicate({}, { chain: ['contribution-e-procurement'] })).then([markedDuplicate()]);
  });

  it('refuses a withdrawn canonical', () => {
    given([received()]).when(markDuplicate({}, { withdrawn: true })).thenThrows('CONTRIBUTION.CANONICAL_WITHDRAWN', 'conflict');
  });

  it('refuses a contribution that already has a response', () => {
    given([received(), responded(1)]).when(markDuplicate()).thenThrows('CONTRIBUTION.ALREADY_RESPONDED', 'conflict');
  });

  it('refuses a contribution that is already a duplicate', () => {
    given([received(), markedDuplicate('contribution-e-procurement')])
      .when(markDuplicate())
      .thenThrows('CONTRIBUTION.ALREADY_DUPLICATE', 'conflict');
  });

  it('refuses a withdrawn contribution', () => {
    given([received(), withdrawn()]).when(markDuplicate()).thenThrows('CONTRIBUTION.WITHDRAWN', 'conflict');
  });
});

describe('contributionStatus', () => {
  it.each<{ name: string; events: ContributionEvent[]; status: string }>([
    { name: 'received', events: [received()], status: 'received' },
    { name: 'responded', events: [received(), responded(1)], status: 'responded' },
    { name: 'sent back', events: [received(), responded(1), reviewed('revision_requested')], status: 'revision_requested' },
    { name: 'endorsed', events: [received(), responded(1), reviewed('endorsed')], status: 'endorsed' },
    { name: 'published', events: [received(), responded(1), reviewed('endorsed'), published(1)], status: 'published' },
    { name: 'a duplicate', events: [received(), markedDuplicate()], status: 'duplicate' },
    { name: 'a withdrawn duplicate', events: [received(), markedDuplicate(), withdrawn()], status: 'withdrawn' },
    {
      name: 'withdrawn after publication',
      events: [received(), responded(1), reviewed('endorsed'), published(1), withdrawn()],
      status: 'withdrawn',
    },
    { name: 'redacted (no status of its own)', events: [received(), responded(1), redacted()], status: 'responded' },
  ])('$name → $status', ({ events, status }) => {
    expect(contributionStatus(statusFactsOf(stateOf(events)))).toBe(status);
  });
});

describe('state', () => {
  it('keeps what handlers need to build other aggregates’ snapshots', () => {
    expect(stateOf([received(), markedDuplicate(), redacted()])).toEqual({
      exists: true,
      consultationId: CONSULTATION,
      cycleId: CYCLE,
      policyAreaId: AREA,
      leadInstitution: 'Ministry of Justice',
      stakeholderId: CSO,
      withdrawn: false,
      redacted: true,
      duplicateOf: CANONICAL,
      responseNumber: 0,
      currentResponse: null,
    });
  });
});
