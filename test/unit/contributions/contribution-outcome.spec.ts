import {
  contributionOutcome,
  duplicateRoot,
  evolveOutcome,
  followDuplicates,
  followDuplicatesAsync,
  MAX_DUPLICATE_CHAIN,
  RECEIVED,
  type ContributionOutcome,
  type OutcomeFacts,
} from '../../../src/contributions/domain/contribution-outcome.js';
import { contributionDecider, contributionStatus, statusFactsOf } from '../../../src/contributions/domain/contribution.decider.js';
import type { ContributionEvent, Decision, ReviewVerdict } from '../../../src/contributions/domain/events.js';

// Albania NAP 2020–2022: whistleblower protection, raised twice in the anti-corruption meeting.
const CYCLE = 'cycle-al-2020-2022';
const ID = 'contribution-whistleblower-protection';
const CANONICAL = 'contribution-whistleblower-portal';
const COMMITMENT_A = 'commitment-asset-declarations-online';
const COMMITMENT_B = 'commitment-beneficial-ownership-register';
const base = { contributionId: ID, cycleId: CYCLE, policyAreaId: 'area-anti-corruption' };
const day = (d: number) => new Date(Date.UTC(2020, 9, d, 10));

type Dated = [ContributionEvent, Date];

const received: Dated = [
  {
    type: 'ContributionReceived',
    data: {
      ...base,
      consultationId: 'consultation-anti-corruption-thematic-1',
      leadInstitution: 'Ministry of Justice',
      stakeholderId: null,
      channel: 'meeting',
      body: 'Protect whistleblowers who report procurement fraud.',
      commitmentId: null,
      receivedAt: day(6).toISOString(),
      late: false,
      source: null,
      personalDataSubject: null,
    },
  },
  day(6),
];
const responded = (decision: Decision, commitmentIds: string[], on = day(12), responseNumber = 1): Dated => [
  { type: 'ContributionResponded', data: { ...base, responseNumber, decision, rationale: `${decision}: see the commitments`, commitmentIds } },
  on,
];
const reviewed = (verdict: ReviewVerdict, on = day(14), responseNumber = 1): Dated => [
  { type: 'ResponseReviewed', data: { ...base, responseNumber, verdict, comment: null } },
  on,
];
const published = (on = day(20), responseNumber = 1): Dated => [{ type: 'ResponsePublished', data: { ...base, responseNumber } }, on];
const withdrawn: Dated = [{ type: 'ContributionWithdrawn', data: { ...base, reason: null } }, day(15)];
const markedDuplicate = (canonicalId = CANONICAL): Dated => [{ type: 'ContributionMarkedDuplicate', data: { ...base, canonicalId } }, day(9)];

/** given(the contribution's events) → its own facts. */
const given = (...events: Dated[]): OutcomeFacts => events.reduce((facts, [event, at]) => evolveOutcome(facts, event, at), RECEIVED);

const nothingShown: Omit<ContributionOutcome, 'status'> = { addressed: false, decision: null, rationale: null, commitmentIds: [], publishedAt: null };

describe('contributionOutcome', () => {
  it('given only its reception, shows it received and not addressed', () => {
    expect(contributionOutcome(given(received), null)).toEqual({ status: 'received', ...nothingShown });
  });

  it('given a response not reviewed yet, counts it addressed and shows the decision, rationale and commitments (sorted)', () => {
    expect(contributionOutcome(given(received, responded('accepted', [COMMITMENT_B, COMMITMENT_A])), null)).toEqual({
      status: 'responded',
      addressed: true,
      decision: 'accepted',
      rationale: 'accepted: see the commitments',
      commitmentIds: [COMMITMENT_A, COMMITMENT_B],
      publishedAt: null,
    });
  });

  it('given a response the POC sent back for revision, is not addressed but still shows that response', () => {
    const outcome = contributionOutcome(given(received, responded('noted', []), reviewed('revision_requested')), null);
    expect(outcome).toMatchObject({ status: 'revision_requested', addressed: false, decision: 'noted' });
  });

  it('given an endorsed and published response, is published on the day the publication happened', () => {
    const outcome = contributionOutcome(given(received, responded('not_accepted', []), reviewed('endorsed'), published(day(20))), null);
    expect(outcome).toMatchObject({ status: 'published', addressed: true, decision: 'not_accepted', publishedAt: day(20) });
  });

  it('given a new response after a published one, starts over: responded, no verdict, not published', () => {
    const facts = given(received, responded('noted', []), reviewed('endorsed'), published(), responded('accepted', [COMMITMENT_A], day(25), 2));
    expect(contributionOutcome(facts, null)).toMatchObject({ status: 'responded', addressed: true, decision: 'accepted', publishedAt: null });
  });

  it('given a withdrawal, is withdrawn', () => {
    expect(contributionOutcome(given(received, withdrawn), null).status).toBe('withdrawn');
  });

  it("given a duplicate, shows its canonical root's response and its own status", () => {
    const root = given(received, responded('partially_accepted', [COMMITMENT_A]), reviewed('endorsed'), published(day(21)));
    expect(contributionOutcome(given(received, markedDuplicate()), root)).toEqual({
      status: 'duplicate',
      addressed: true,
      decision: 'partially_accepted',
      rationale: 'partially_accepted: see the commitments',
      commitmentIds: [COMMITMENT_A],
      publishedAt: day(21),
    });
  });

  it('given a duplicate whose root is unanswered, sent back, or not known yet, is not addressed', () => {
    const duplicate = given(received, markedDuplicate());
    expect(contributionOutcome(duplicate, given(received))).toEqual({ status: 'duplicate', ...nothingShown });
    expect(contributionOutcome(duplicate, given(received, responded('noted', []), reviewed('revision_requested'))).addressed).toBe(false);
    expect(contributionOutcome(duplicate, null)).toEqual({ status: 'duplicate', ...nothingShown });
  });

  it("agrees with the decider's status on every lifecycle", () => {
    const lifecycles: Dated[][] = [
      [received],
      [received, responded('noted', [])],
      [received, responded('noted', []), reviewed('revision_requested')],
      [received, responded('noted', []), reviewed('endorsed')],
      [received, responded('noted', []), reviewed('endorsed'), published()],
      [received, responded('noted', []), reviewed('endorsed'), published(), responded('accepted', [COMMITMENT_A], day(25), 2)],
      [received, markedDuplicate()],
      [received, responded('noted', []), withdrawn],
    ];
    for (const events of lifecycles) {
      const state = events.map(([e]) => e).reduce(contributionDecider.evolve, contributionDecider.initialState);
      if (!state.exists) throw new Error('not received');
      expect(contributionOutcome(given(...events), null).status).toBe(contributionStatus(statusFactsOf(state)));
    }
  });
});

describe('the duplicate-of chain', () => {
  const chainOf = (links: Record<string, string>) => (id: string) => links[id] ?? null;

  it('leads from a duplicate to its canonical root, nearest first', () => {
    const links = { a: 'b', b: 'c' };
    expect(followDuplicates('a', 'b', chainOf(links))).toEqual(['b', 'c']);
  });

  it('is empty for a contribution that duplicates nothing', () => {
    expect(followDuplicates('a', null, chainOf({}))).toEqual([]);
  });

  it('ends at a contribution it cannot look up', () => {
    expect(followDuplicates('a', 'gone', chainOf({}))).toEqual(['gone']);
  });

  it('stops at a loop in a corrupt record instead of running forever', () => {
    expect(followDuplicates('a', 'b', chainOf({ b: 'a' }))).toEqual(['b']);
    expect(followDuplicates('a', 'b', chainOf({ b: 'c', c: 'b' }))).toEqual(['b', 'c']);
  });

  it(`stops after ${MAX_DUPLICATE_CHAIN} links`, () => {
    expect(followDuplicates('c0', 'c1', (id) => `c${Number(id.slice(1)) + 1}`)).toHaveLength(MAX_DUPLICATE_CHAIN);
  });

  it('walks the same chain when each lookup reads', async () => {
    const links: Record<string, string> = { a: 'b', b: 'c', c: 'd' };
    const read = async (id: string) => links[id] ?? null;
    await expect(followDuplicatesAsync('a', 'b', read)).resolves.toEqual(['b', 'c', 'd']);
  });

  it("makes a duplicate of a duplicate show the canonical's root", () => {
    expect(duplicateRoot('b', 'c')).toBe('c');
    expect(duplicateRoot('b', null)).toBe('b');
  });
});
