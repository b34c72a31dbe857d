import type { Actor } from '../../../src/event-store/event-store.port.js';
import type { DraftCommitment, ReviseCommitment } from '../../../src/commitments/domain/commands.js';
import { commitmentDecider } from '../../../src/commitments/domain/commitment.decider.js';
import type {
  CommitmentChanges,
  CommitmentDrafted,
  CommitmentEvent,
  OgpValue,
} from '../../../src/commitments/domain/events.js';
import { lfpFinance, lfpJustice, poc, spec } from '../../support/decider-spec.js';

// Albania NAP 2020–2022: a digital-governance commitment led by NAIS.
const CYCLE = 'cycle-al-2020-2022';
const OTHER_CYCLE = 'cycle-al-2018-2020';
const AREA = 'area-digital-governance';
const ID = 'commitment-e-albania-open-data';
const NAIS = 'National Agency for Information Society';
const CONTRIBUTION = 'contribution-open-data-portal';
const OCCURRED = '2020-10-20T09:00:00.000Z';

const lfpNais: Actor = { id: 'user-nais', role: 'lfp', institution: NAIS };

const milestones = [
  { title: 'Publish 50 new datasets on opendata.gov.al', dueDate: '2021-06-30' },
  { title: 'Launch the open data feedback tool', dueDate: '2022-03-31' },
];

const cycle = (over: Partial<DraftCommitment['context']['cycle']> = {}): DraftCommitment['context']['cycle'] => ({
  exists: true,
  submitted: false,
  pocInstitution: 'Office of the Prime Minister',
  policyAreas: [
    { id: 'area-anti-corruption', leadInstitution: 'Ministry of Justice' },
    { id: 'area-fiscal-transparency', leadInstitution: 'Ministry of Finance' },
    { id: AREA, leadInstitution: NAIS },
  ],
  ...over,
});

function draft(over: Partial<DraftCommitment> = {}): DraftCommitment {
  return {
    type: 'DraftCommitment',
    actor: lfpNais,
    occurredAt: OCCURRED,
    commitmentId: ID,
    cycleId: CYCLE,
    policyAreaId: AREA,
    title: 'Open data by default on e-Albania',
    problem: 'Public data is published as scanned PDFs that cannot be reused.',
    description: 'Publish key administrative datasets in machine-readable formats.',
    ogpValues: ['transparency', 'technology_innovation'],
    milestones,
    leadInstitution: NAIS,
    supportingInstitutions: ['Agency for Services'],
    context: { cycle: cycle() },
    ...over,
  };
}

function drafted(over: Partial<CommitmentDrafted['data']> = {}): CommitmentDrafted {
  return {
    type: 'CommitmentDrafted',
    data: {
      commitmentId: ID,
      cycleId: CYCLE,
      policyAreaId: AREA,
      title: 'Open data by default on e-Albania',
      problem: 'Public data is published as scanned PDFs that cannot be reused.',
      description: 'Publish key administrative datasets in machine-readable formats.',
      ogpValues: ['transparency', 'technology_innovation'],
      milestones,
      leadInstitution: NAIS,
      supportingInstitutions: ['Agency for Services'],
      areaLeadInstitution: NAIS,
      ...over,
    },
  };
}

const contributionRef = (over: Partial<ReviseCommitment['context']['contributions'][number]> = {}) => ({
  id: CONTRIBUTION,
  exists: true,
  cycleId: CYCLE,
  leadInstitution: NAIS as string | null,
  ...over,
});

function revise(over: Partial<ReviseCommitment> = {}): ReviseCommitment {
  return {
    type: 'ReviseCommitment',
    actor: lfpNais,
    occurredAt: OCCURRED,
    commitmentId: ID,
    title: 'Open data by default on e-Albania, with a public feedback loop',
    inResponseTo: [CONTRIBUTION],
    context: { contributions: [contributionRef()] },
    ...over,
  };
}

const revised = (revisionNumber: number, changes: CommitmentChanges, inResponseTo = [CONTRIBUTION]): CommitmentEvent => ({
  type: 'CommitmentRevised',
  data: { commitmentId: ID, cycleId: CYCLE, policyAreaId: AREA, revisionNumber, changes, inResponseTo },
});

const withdrawn = (reason: string | null = null): CommitmentEvent => ({
  type: 'CommitmentWithdrawn',
  data: { commitmentId: ID, cycleId: CYCLE, policyAreaId: AREA, reason },
});

const withdraw = (actor: Actor = lfpNais, reason?: string | null) => ({
  type: 'WithdrawCommitment' as const,
  actor,
  occurredAt: OCCURRED,
  commitmentId: ID,
  reason,
});

const NEW_TITLE = 'Open data by default on e-Albania, with a public feedback loop';
const given = (events: CommitmentEvent[]) => spec(commitmentDecider).given(events);

describe('DraftCommitment', () => {
  it('records the LFP’s draft in OGP’s template, with the area’s lead for later scope checks', () => {
    given([]).when(draft()).then([drafted()]);
  });

  it('lets the POC draft in any area, keeping the template’s lead apart from the area’s', () => {
    given([])
      .when(draft({ actor: poc, leadInstitution: 'Agency for Services', supportingInstitutions: undefined }))
      .then([drafted({ leadInstitution: 'Agency for Services', supportingInstitutions: [] })]);
  });

  it('forbids the LFP of another institution', () => {
    given([]).when(draft({ actor: lfpJustice })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses an id that already exists', () => {
    given([drafted()]).when(draft()).thenThrows('COMMITMENT.ALREADY_EXISTS', 'conflict');
  });

  it('refuses a cycle that does not exist', () => {
    given([]).when(draft({ context: { cycle: cycle({ exists: false }) } })).thenThrows('CYCLE.NOT_FOUND', 'conflict');
  });

  it('refuses a policy area outside the cycle', () => {
    given([]).when(draft({ policyAreaId: 'area-health' })).thenThrows('CYCLE.POLICY_AREA_NOT_FOUND', 'conflict');
  });

  it('refuses a cycle whose plan was already submitted to OGP', () => {
    given([]).when(draft({ context: { cycle: cycle({ submitted: true }) } })).thenThrows('CYCLE.ALREADY_SUBMITTED', 'conflict');
  });

  it.each<[string, string[]]>([
    ['none', []],
    ['a repeat', ['transparency', 'transparency']],
    ['an unknown value', ['transparency', 'efficiency']],
  ])('refuses OGP values with %s', (_, ogpValues) => {
    const error = given([])
      .when(draft({ ogpValues: ogpValues as OgpValue[] }))
      .thenThrows('COMMITMENT.INVALID_OGP_VALUES', 'invalid');
    expect(error.details).toEqual({ field: 'ogpValues' });
  });

  it('needs a milestone', () => {
    const error = given([]).when(draft({ milestones: [] })).thenThrows('COMMITMENT.MILESTONES_REQUIRED', 'invalid');
    expect(error.details).toEqual({ field: 'milestones' });
  });
});

describe('ReviseCommitment', () => {
  it('refuses a commitment that does not exist', () => {
    given([]).when(revise()).thenThrows('COMMITMENT.NOT_FOUND', 'not_found');
  });

  it('records the change and the contributions that caused it as revision 1', () => {
    given([drafted()]).when(revise()).then([revised(1, { title: NEW_TITLE })]);
  });

  it('records only the fields that differ', () => {
    const dueLater = [milestones[0], { ...milestones[1], dueDate: '2022-06-30' }];
    given([drafted()])
      .when(revise({ title: drafted().data.title, ogpValues: ['transparency', 'participation'], milestones: dueLater }))
      .then([revised(1, { ogpValues: ['transparency', 'participation'], milestones: dueLater })]);
  });

  it('numbers revisions and revises from the current text', () => {
    const history = [drafted(), revised(1, { title: NEW_TITLE })];
    given(history)
      .when(revise({ title: NEW_TITLE }))
      .thenThrows('COMMITMENT.NO_CHANGE', 'invalid');
    given(history)
      .when(revise({ title: drafted().data.title, inResponseTo: [] }))
      .then([revised(2, { title: drafted().data.title }, [])]);
  });

  it.each<[string, Partial<ReviseCommitment>]>([
    ['no field', { title: undefined }],
    ['the same title', { title: 'Open data by default on e-Albania' }],
    ['the same OGP values in another order', { title: undefined, ogpValues: ['technology_innovation', 'transparency'] }],
    ['the same milestones', { title: undefined, milestones: milestones.map((m) => ({ ...m })) }],
  ])('refuses a revision with %s', (_, over) => {
    given([drafted()]).when(revise(over)).thenThrows('COMMITMENT.NO_CHANGE', 'invalid');
  });

  it('checks revised OGP values and milestones like a draft', () => {
    given([drafted()]).when(revise({ ogpValues: [] })).thenThrows('COMMITMENT.INVALID_OGP_VALUES', 'invalid');
    given([drafted()]).when(revise({ milestones: [] })).thenThrows('COMMITMENT.MILESTONES_REQUIRED', 'invalid');
  });

  it('refuses a contribution that does not exist', () => {
    const error = given([drafted()])
      .when(revise({ context: { contributions: [contributionRef({ exists: false })] } }))
      .thenThrows('CONTRIBUTION.NOT_FOUND', 'conflict');
    expect(error.details).toEqual({ field: 'inResponseTo', missing: [CONTRIBUTION] });
  });

  it('refuses a contribution of another cycle', () => {
    given([drafted()])
      .when(revise({ context: { contributions: [contributionRef({ cycleId: OTHER_CYCLE })] } }))
      .thenThrows('CONTRIBUTION.OTHER_CYCLE', 'conflict');
  });

  it('refuses a withdrawn commitment', () => {
    given([drafted(), withdrawn()]).when(revise()).thenThrows('COMMITMENT.WITHDRAWN', 'conflict');
  });

  it("refuses an LFP naming a contribution of another institution's policy area", () => {
    const error = given([drafted()])
      .when(revise({ context: { contributions: [contributionRef({ leadInstitution: 'Ministry of Finance' })] } }))
      .thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    expect(error.details).toEqual({ field: 'inResponseTo', ids: [CONTRIBUTION] });
  });

  it('lets an LFP name a contribution to a consultation of the whole cycle (the public consultation of the draft)', () => {
    given([drafted()])
      .when(revise({ context: { contributions: [contributionRef({ leadInstitution: null })] } }))
      .then([revised(1, { title: 'Open data by default on e-Albania, with a public feedback loop' })]);
  });

  it("lets the POC name a contribution of any policy area", () => {
    given([drafted()])
      .when(revise({ actor: poc, context: { contributions: [contributionRef({ leadInstitution: 'Ministry of Finance' })] } }))
      .then([revised(1, { title: 'Open data by default on e-Albania, with a public feedback loop' })]);
  });

  it('lets the POC revise', () => {
    given([drafted()]).when(revise({ actor: poc })).then([revised(1, { title: NEW_TITLE })]);
  });

  it('forbids the LFP of another institution', () => {
    given([drafted()]).when(revise({ actor: lfpFinance })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('scopes by the area’s lead, not the template’s lead institution', () => {
    const byPoc = drafted({ leadInstitution: 'Agency for Services' });
    given([byPoc]).when(revise()).then([revised(1, { title: NEW_TITLE })]);
    given([byPoc])
      .when(revise({ actor: { id: 'user-adisa', role: 'lfp', institution: 'Agency for Services' } }))
      .thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });
});

describe('WithdrawCommitment', () => {
  it('records the withdrawal with its reason', () => {
    given([drafted()])
      .when(withdraw(lfpNais, ' Merged into the e-procurement commitment. '))
      .then([withdrawn('Merged into the e-procurement commitment.')]);
  });

  it('records no reason as null', () => {
    given([drafted()]).when(withdraw(poc)).then([withdrawn(null)]);
  });

  it('keeps the commitment’s history in its state', () => {
    const state = spec(commitmentDecider).given([drafted(), revised(1, { title: NEW_TITLE }), withdrawn()]).state;
    expect(state).toMatchObject({ exists: true, withdrawn: true, title: NEW_TITLE, revisionNumber: 1, milestones });
  });

  it('withdraws once', () => {
    given([drafted(), withdrawn()]).when(withdraw()).thenThrows('COMMITMENT.ALREADY_WITHDRAWN', 'conflict');
  });

  it('forbids the LFP of another institution', () => {
    given([drafted()]).when(withdraw(lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
  });

  it('refuses a commitment that does not exist', () => {
    given([]).when(withdraw()).thenThrows('COMMITMENT.NOT_FOUND', 'not_found');
  });
});
