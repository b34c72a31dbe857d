import type {
  AnnounceConsultation,
  ConsultationCommand,
  CycleContext,
  DefineSurvey,
  SubmitSurveyResponse,
} from '../../../src/consultations/domain/commands.js';
import {
  consultationDecider,
  consultationSnapshot,
  contributionsFromSurveyResponse,
  scopeInstitution,
} from '../../../src/consultations/domain/consultation.decider.js';
import {
  CONSULTATION_EVENT_TYPES,
  type ConsultationEvent,
  type SurveyResponseSubmitted,
} from '../../../src/consultations/domain/events.js';
import type { Actor } from '../../../src/event-store/event-store.port.js';
import { lfpFinance, lfpJustice, poc, spec, stakeholderActor } from '../../support/decider-spec.js';

// Albania NAP 2020–2022: the pre-consultation survey on Anti-Corruption (July–August 2020).
const cycleId = 'c0a1b2c3-0000-4000-8000-000000002020';
const consultationId = 'c0115017-0000-4000-8000-000000000001';
const POC_INSTITUTION = 'Development and Good Governance Department, Office of the Prime Minister';
const ANTI_CORRUPTION = 'area-anti-corruption';
const at = '2020-07-15T09:00:00Z';
const idm = 'a5e1c0de-0000-4000-8000-000000000001'; // a CSO
const arta = 'a5e1c0de-0000-4000-8000-000000000002'; // a citizen
const aldi = 'a5e1c0de-0000-4000-8000-000000000003'; // another CSO

const cycle = (overrides: Partial<CycleContext> = {}): CycleContext => ({
  exists: true,
  submitted: false,
  pocInstitution: POC_INSTITUTION,
  policyAreas: [
    { id: ANTI_CORRUPTION, leadInstitution: 'Ministry of Justice' },
    { id: 'area-fiscal-transparency', leadInstitution: 'Ministry of Finance' },
    { id: 'area-digital-governance', leadInstitution: 'National Agency for Information Society' },
    { id: 'area-access-to-justice', leadInstitution: 'Agency for Services' },
  ],
  ...overrides,
});

const announce = (overrides: Partial<AnnounceConsultation> = {}): AnnounceConsultation => ({
  type: 'AnnounceConsultation',
  actor: poc,
  occurredAt: at,
  consultationId,
  cycleId,
  policyAreaId: ANTI_CORRUPTION,
  kind: 'survey',
  title: 'Pre-consultation survey: Anti-Corruption',
  description: 'Main issues and priorities of stakeholders in the fight against corruption',
  announcedAt: '2020-07-15',
  opensAt: '2020-07-20',
  closesAt: '2020-08-20',
  context: { cycle: cycle() },
  ...overrides,
});

const announced = (overrides: Partial<ConsultationEvent['data']> = {}): ConsultationEvent =>
  ({
    type: 'ConsultationAnnounced',
    data: {
      consultationId,
      cycleId,
      policyAreaId: ANTI_CORRUPTION,
      leadInstitution: 'Ministry of Justice',
      kind: 'survey',
      title: 'Pre-consultation survey: Anti-Corruption',
      description: 'Main issues and priorities of stakeholders in the fight against corruption',
      announcedAt: '2020-07-15',
      opensAt: '2020-07-20',
      closesAt: '2020-08-20',
      ...overrides,
    },
  }) as ConsultationEvent;

const ids = { consultationId, cycleId, policyAreaId: ANTI_CORRUPTION };
const survey = announced();
const meeting = announced({ kind: 'thematic_meeting', title: 'Thematic group: Anti-Corruption' });
/** The NCCS meeting on the draft plan: no policy area, the POC's own. */
const councilMeeting = announced({
  kind: 'council_meeting',
  policyAreaId: null,
  leadInstitution: POC_INSTITUTION,
  title: 'Consultation with the National Council for Civil Society',
});
const closed: ConsultationEvent = { type: 'ConsultationClosed', data: { ...ids, closedAt: '2020-08-20T18:00:00Z' } };

const questions = [
  { id: 'q-priority', text: 'Which anti-corruption issue should the plan address first?', type: 'text' as const, options: null },
  { id: 'q-engaged', text: 'Have you taken part in an OGP consultation before?', type: 'choice' as const, options: ['Yes', 'No'] },
];
const surveyDefined: ConsultationEvent = { type: 'SurveyDefined', data: { ...ids, questions } };
const openSurvey = [survey, surveyDefined];

const responded = (data: Partial<SurveyResponseSubmitted['data']> = {}): SurveyResponseSubmitted => ({
  type: 'SurveyResponseSubmitted',
  data: {
    ...ids,
    responseId: 'resp-1',
    stakeholderId: idm,
    answers: [
      { questionId: 'q-priority', type: 'text', value: 'Publish asset declarations of senior officials as open data' },
      { questionId: 'q-engaged', type: 'choice', value: 'Yes' },
    ],
    late: false,
    personalDataSubject: null,
    ...data,
  },
});

const command = <T extends ConsultationCommand['type']>(
  type: T,
  fields: Omit<Extract<ConsultationCommand, { type: T }>, 'type' | 'actor' | 'occurredAt' | 'consultationId'>,
  actor: Actor = poc,
): Extract<ConsultationCommand, { type: T }> =>
  ({ type, actor, occurredAt: at, consultationId, ...fields }) as Extract<ConsultationCommand, { type: T }>;

const known = (...stakeholderIds: string[]) => stakeholderIds.map((id) => ({ id, exists: true }));
const invite = (stakeholderIds: string[], actor: Actor = poc) =>
  command('InviteStakeholders', { stakeholderIds, context: { stakeholders: known(...stakeholderIds) } }, actor);
const material = (actor: Actor = poc) =>
  command('PublishMaterial', { materialId: 'mat-minutes', kind: 'minutes', title: 'Minutes of the thematic meeting', url: 'https://ogp.gov.al/minutes/ac-1' }, actor);
const attendance = (stakeholderIds: string[], anonymousCount?: number, actor: Actor = poc) =>
  command('RecordAttendance', { stakeholderIds, anonymousCount, context: { stakeholders: known(...stakeholderIds) } }, actor);
const define = (qs: DefineSurvey['questions'] = questions, actor: Actor = poc) => command('DefineSurvey', { questions: qs }, actor);
const answer = (
  fields: Partial<Omit<SubmitSurveyResponse, 'type' | 'actor' | 'occurredAt' | 'consultationId'>> = {},
  actor: Actor = stakeholderActor(idm),
) =>
  command(
    'SubmitSurveyResponse',
    {
      responseId: 'resp-1',
      answers: [
        { questionId: 'q-priority', value: 'Publish asset declarations of senior officials as open data' },
        { questionId: 'q-engaged', value: 'Yes' },
      ],
      context: { stakeholder: { id: idm, exists: true, kind: 'cso' } },
      ...fields,
    },
    actor,
  );
const closeIt = (actor: Actor = poc) => command('CloseConsultation', {}, actor);

/** An LFP whose institution is the POC's: still not the POC. */
const lfpOfPocInstitution: Actor = { id: 'user-pm-lfp', role: 'lfp', institution: POC_INSTITUTION };

describe('consultation decider', () => {
  describe('AnnounceConsultation', () => {
    it('lets the POC announce a consultation of a policy area, led by the area\'s institution', () => {
      spec(consultationDecider).given([]).when(announce()).then([survey]);
    });

    it('lets the LFP of the area announce it', () => {
      spec(consultationDecider).given([]).when(announce({ actor: lfpJustice })).then([survey]);
    });

    it('forbids the LFP of another area', () => {
      spec(consultationDecider).given([]).when(announce({ actor: lfpFinance })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    });

    it('leads a consultation without a policy area from the POC institution', () => {
      spec(consultationDecider)
        .given([])
        .when(announce({ policyAreaId: undefined, kind: 'council_meeting', title: 'Consultation with the National Council for Civil Society', description: null }))
        .then([announced({ policyAreaId: null, leadInstitution: POC_INSTITUTION, kind: 'council_meeting', title: 'Consultation with the National Council for Civil Society', description: null })]);
    });

    it.each([lfpJustice, lfpOfPocInstitution])('keeps a consultation without a policy area to the POC (lfp %#)', (actor) => {
      spec(consultationDecider).given([]).when(announce({ actor, policyAreaId: null })).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    });

    it('records a missing description as null', () => {
      const [event] = spec(consultationDecider).given([]).when(announce({ description: undefined })).events();
      expect(event.data).toMatchObject({ description: null });
    });

    it('accepts a consultation that opens the day it is announced', () => {
      const [event] = spec(consultationDecider).given([]).when(announce({ announcedAt: '2020-07-20', opensAt: '2020-07-20' })).events();
      expect(event.type).toBe('ConsultationAnnounced');
    });

    it('refuses to announce the same consultation twice', () => {
      spec(consultationDecider).given([survey]).when(announce()).thenThrows('CONSULTATION.ALREADY_EXISTS', 'conflict');
    });

    it.each([
      ['opens before it is announced', { announcedAt: '2020-07-21', opensAt: '2020-07-20' }, 'opensAt'],
      ['closes when it opens', { opensAt: '2020-08-20', closesAt: '2020-08-20' }, 'closesAt'],
      ['closes before it opens', { opensAt: '2020-08-21', closesAt: '2020-08-20' }, 'closesAt'],
      ['has no valid announcement date', { announcedAt: 'not-a-date' }, 'announcedAt'],
      ['has no valid closing date', { closesAt: 'not-a-date' }, 'closesAt'],
    ])('refuses a consultation that %s', (_, dates, field) => {
      const error = spec(consultationDecider).given([]).when(announce(dates)).thenThrows('CONSULTATION.INVALID_DATES', 'invalid');
      expect(error.details).toEqual({ field });
    });

    it('refuses a cycle that does not exist', () => {
      spec(consultationDecider)
        .given([])
        .when(announce({ context: { cycle: cycle({ exists: false }) } }))
        .thenThrows('CYCLE.NOT_FOUND', 'conflict');
    });

    it('refuses a cycle whose plan was submitted', () => {
      spec(consultationDecider)
        .given([])
        .when(announce({ context: { cycle: cycle({ submitted: true }) } }))
        .thenThrows('CYCLE.ALREADY_SUBMITTED', 'conflict');
    });

    it('refuses a policy area of another cycle', () => {
      spec(consultationDecider)
        .given([])
        .when(announce({ policyAreaId: 'area-of-2018-plan' }))
        .thenThrows('CYCLE.POLICY_AREA_NOT_FOUND', 'conflict');
    });
  });

  it.each<[string, ConsultationCommand]>([
    ['InviteStakeholders', invite([idm])],
    ['PublishMaterial', material()],
    ['RecordAttendance', attendance([idm])],
    ['DefineSurvey', define()],
    ['SubmitSurveyResponse', answer()],
    ['CloseConsultation', closeIt()],
  ])('answers CONSULTATION.NOT_FOUND to %s on a consultation never announced', (_, cmd) => {
    spec(consultationDecider).given([]).when(cmd).thenThrows('CONSULTATION.NOT_FOUND', 'not_found');
  });

  describe('scope of the commands on a consultation', () => {
    it.each<[string, (actor: Actor) => ConsultationCommand, ConsultationEvent[]]>([
      ['InviteStakeholders', (a) => invite([idm], a), [survey]],
      ['PublishMaterial', (a) => material(a), [survey]],
      ['RecordAttendance', (a) => attendance([idm], 0, a), [survey]],
      ['DefineSurvey', (a) => define(questions, a), [survey]],
      ['SubmitSurveyResponse', (a) => answer({}, a), openSurvey],
      ['CloseConsultation', (a) => closeIt(a), [survey]],
    ])('%s: the POC and the area\'s LFP may, another LFP may not', (_, build, given) => {
      expect(spec(consultationDecider).given(given).when(build(poc)).events()).toHaveLength(1);
      expect(spec(consultationDecider).given(given).when(build(lfpJustice)).events()).toHaveLength(1);
      spec(consultationDecider).given(given).when(build(lfpFinance)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    });

    it('keeps a consultation without a policy area to the POC', () => {
      expect(spec(consultationDecider).given([councilMeeting]).when(material()).events()).toHaveLength(1);
      spec(consultationDecider).given([councilMeeting]).when(material(lfpOfPocInstitution)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
      spec(consultationDecider).given([councilMeeting]).when(closeIt(lfpJustice)).thenThrows('AUTH.OUT_OF_SCOPE', 'forbidden');
    });
  });

  describe('InviteStakeholders', () => {
    it('invites stakeholders, each once', () => {
      spec(consultationDecider)
        .given([meeting])
        .when(invite([idm, aldi, idm]))
        .then([{ type: 'StakeholdersInvited', data: { ...ids, stakeholderIds: [idm, aldi] } }]);
    });

    it('records only the stakeholders not invited before', () => {
      const before: ConsultationEvent = { type: 'StakeholdersInvited', data: { ...ids, stakeholderIds: [idm] } };
      spec(consultationDecider)
        .given([meeting, before])
        .when(invite([idm, arta]))
        .then([{ type: 'StakeholdersInvited', data: { ...ids, stakeholderIds: [arta] } }]);
    });

    it('records nothing when every stakeholder was invited already', () => {
      const before: ConsultationEvent = { type: 'StakeholdersInvited', data: { ...ids, stakeholderIds: [idm, aldi] } };
      spec(consultationDecider).given([meeting, before]).when(invite([aldi, idm])).then([]);
    });

    it('refuses stakeholders that are not registered, naming them', () => {
      const cmd = command('InviteStakeholders', {
        stakeholderIds: [idm, 'sh-ghost', 'sh-unknown'],
        context: { stakeholders: [...known(idm), { id: 'sh-unknown', exists: false }] },
      });
      const error = spec(consultationDecider).given([meeting]).when(cmd).thenThrows('STAKEHOLDER.NOT_FOUND', 'conflict');
      expect(error.details).toMatchObject({ field: 'stakeholderIds', missing: ['sh-ghost', 'sh-unknown'] });
    });

    it('refuses invitations to a closed consultation', () => {
      spec(consultationDecider).given([meeting, closed]).when(invite([idm])).thenThrows('CONSULTATION.CLOSED', 'conflict');
    });
  });

  describe('PublishMaterial', () => {
    const published: ConsultationEvent = {
      type: 'MaterialPublished',
      data: { ...ids, materialId: 'mat-minutes', kind: 'minutes', title: 'Minutes of the thematic meeting', url: 'https://ogp.gov.al/minutes/ac-1' },
    };

    it('publishes a material', () => {
      spec(consultationDecider).given([meeting]).when(material()).then([published]);
    });

    it('publishes minutes after the meeting closed', () => {
      spec(consultationDecider).given([meeting, closed]).when(material()).then([published]);
    });
  });

  describe('RecordAttendance', () => {
    it('records who attended and how many came unregistered', () => {
      spec(consultationDecider)
        .given([meeting])
        .when(attendance([idm, arta, idm], 12))
        .then([{ type: 'AttendanceRecorded', data: { ...ids, stakeholderIds: [idm, arta], anonymousCount: 12 } }]);
    });

    it('records only attendees not recorded before, adding the anonymous count', () => {
      const before: ConsultationEvent = { type: 'AttendanceRecorded', data: { ...ids, stakeholderIds: [idm], anonymousCount: 5 } };
      const { state } = spec(consultationDecider).given([meeting, before]);
      spec(consultationDecider)
        .given([meeting, before])
        .when(attendance([idm, aldi], 3))
        .then([{ type: 'AttendanceRecorded', data: { ...ids, stakeholderIds: [aldi], anonymousCount: 3 } }]);
      expect(state.anonymousAttendance).toBe(5);
    });

    it('records nothing when nothing is new', () => {
      const before: ConsultationEvent = { type: 'AttendanceRecorded', data: { ...ids, stakeholderIds: [idm], anonymousCount: 5 } };
      spec(consultationDecider).given([meeting, before]).when(attendance([idm])).then([]);
    });

    it('records attendance after the meeting closed', () => {
      const [event] = spec(consultationDecider).given([meeting, closed]).when(attendance([idm])).events();
      expect(event.type).toBe('AttendanceRecorded');
    });

    it('refuses attendees that are not registered', () => {
      const cmd = command('RecordAttendance', { stakeholderIds: [idm, 'sh-ghost'], context: { stakeholders: known(idm) } });
      const error = spec(consultationDecider).given([meeting]).when(cmd).thenThrows('STAKEHOLDER.NOT_FOUND', 'conflict');
      expect(error.details).toMatchObject({ missing: ['sh-ghost'] });
    });
  });

  describe('DefineSurvey', () => {
    it('defines the survey\'s questions', () => {
      spec(consultationDecider)
        .given([survey])
        .when(define([{ ...questions[0], options: undefined }, questions[1]]))
        .then([surveyDefined]);
    });

    it('treats an empty option list of a text question as none', () => {
      const [event] = spec(consultationDecider).given([survey]).when(define([{ ...questions[0], options: [] }])).events();
      expect(event.data).toMatchObject({ questions: [{ id: 'q-priority', options: null }] });
    });

    it('replaces the questions while no one has answered', () => {
      const [event] = spec(consultationDecider).given(openSurvey).when(define([questions[0]])).events();
      expect(event.data).toMatchObject({ questions: [questions[0]] });
    });

    it('refuses a survey on a consultation that is not a survey', () => {
      spec(consultationDecider).given([meeting]).when(define()).thenThrows('CONSULTATION.NOT_A_SURVEY', 'conflict');
    });

    it('fixes the questions once the first response arrived', () => {
      spec(consultationDecider).given([...openSurvey, responded()]).when(define()).thenThrows('SURVEY.LOCKED', 'conflict');
    });

    it('refuses two questions with the same id', () => {
      const error = spec(consultationDecider)
        .given([survey])
        .when(define([questions[0], { ...questions[1], id: 'q-priority' }]))
        .thenThrows('SURVEY.DUPLICATE_QUESTION', 'invalid');
      expect(error.details).toEqual({ field: 'questions[1].id' });
    });

    it.each([
      ['a choice with one option', { ...questions[1], options: ['Yes'] }],
      ['a choice without options', { ...questions[1], options: null }],
      ['a choice whose options repeat', { ...questions[1], options: ['Yes', ' yes', 'No'] }],
      ['a text question with options', { ...questions[0], options: ['Yes', 'No'] }],
    ])('refuses %s', (_, question) => {
      const error = spec(consultationDecider).given([survey]).when(define([question])).thenThrows('SURVEY.INVALID_OPTIONS', 'invalid');
      expect(error.details).toEqual({ field: 'questions[0].options' });
    });
  });

  describe('SubmitSurveyResponse', () => {
    it('records a CSO\'s answers as its own when it names no one; an organisation is no personal-data subject', () => {
      spec(consultationDecider).given(openSurvey).when(answer()).then([responded()]);
    });

    it('makes an individual the subject of its answers\' personal data', () => {
      const [event] = spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ context: { stakeholder: { id: arta, exists: true, kind: 'individual' } } }, stakeholderActor(arta)))
        .events();
      expect(event.data).toMatchObject({ stakeholderId: arta, personalDataSubject: arta });
    });

    it('forbids a stakeholder to answer as someone else', () => {
      spec(consultationDecider).given(openSurvey).when(answer({ stakeholderId: aldi }, stakeholderActor(idm))).thenThrows('AUTH.NOT_SELF', 'forbidden');
    });

    it('forbids a stakeholder to pass its answer off as anonymous', () => {
      spec(consultationDecider).given(openSurvey).when(answer({ stakeholderId: null })).thenThrows('AUTH.NOT_SELF', 'forbidden');
    });

    it('lets a stakeholder name itself', () => {
      spec(consultationDecider).given(openSurvey).when(answer({ stakeholderId: idm })).then([responded()]);
    });

    it('lets the POC record an anonymous response', () => {
      spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ context: { stakeholder: null } }, poc))
        .then([responded({ stakeholderId: null, personalDataSubject: null })]);
    });

    it('lets the area\'s LFP record a response on behalf of a stakeholder', () => {
      spec(consultationDecider).given(openSurvey).when(answer({ stakeholderId: idm }, lfpJustice)).then([responded()]);
    });

    it('refuses a response before the survey is defined', () => {
      spec(consultationDecider).given([survey]).when(answer()).thenThrows('SURVEY.NOT_DEFINED', 'conflict');
    });

    it('refuses a response after closing unless it is marked late', () => {
      spec(consultationDecider).given([...openSurvey, closed]).when(answer()).thenThrows('CONSULTATION.CLOSED', 'conflict');
      spec(consultationDecider).given([...openSurvey, closed]).when(answer({ late: false })).thenThrows('CONSULTATION.CLOSED', 'conflict');
    });

    it('records a late response after closing', () => {
      spec(consultationDecider).given([...openSurvey, closed]).when(answer({ late: true })).then([responded({ late: true })]);
    });

    it('does not mark a response late while the consultation is open', () => {
      spec(consultationDecider).given(openSurvey).when(answer({ late: true })).then([responded({ late: false })]);
    });

    it('refuses an answer to a question the survey does not have', () => {
      const error = spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ answers: [{ questionId: 'q-priority', value: 'x' }, { questionId: 'q-age', value: '42' }] }))
        .thenThrows('SURVEY.UNKNOWN_QUESTION', 'conflict');
      expect(error.details).toEqual({ field: 'answers[1].questionId' });
    });

    it('refuses two answers to one question', () => {
      const error = spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ answers: [{ questionId: 'q-engaged', value: 'Yes' }, { questionId: 'q-engaged', value: 'No' }] }))
        .thenThrows('SURVEY.DUPLICATE_ANSWER', 'invalid');
      expect(error.details).toEqual({ field: 'answers[1].questionId' });
    });

    it('refuses a choice that is not one of the options', () => {
      const error = spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ answers: [{ questionId: 'q-engaged', value: 'Maybe' }] }))
        .thenThrows('SURVEY.INVALID_CHOICE', 'conflict');
      expect(error.details).toMatchObject({ field: 'answers[0].value', options: ['Yes', 'No'] });
    });

    it.each([
      ['is not registered', { id: idm, exists: false, kind: null }],
      ['was not loaded', null],
    ])('refuses a stakeholder that %s', (_, stakeholder) => {
      spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ context: { stakeholder } }))
        .thenThrows('STAKEHOLDER.NOT_FOUND', 'conflict');
    });

    it('leaves blank text answers out', () => {
      spec(consultationDecider)
        .given(openSurvey)
        .when(answer({ answers: [{ questionId: 'q-priority', value: '  \n' }, { questionId: 'q-engaged', value: 'No' }] }))
        .then([responded({ answers: [{ questionId: 'q-engaged', type: 'choice', value: 'No' }] })]);
    });
  });

  describe('CloseConsultation', () => {
    it('closes the consultation when the command says it happened', () => {
      spec(consultationDecider)
        .given([survey])
        .when({ ...closeIt(), occurredAt: '2020-08-20T18:00:00Z' })
        .then([closed]);
    });

    it('refuses to close twice', () => {
      spec(consultationDecider).given([survey, closed]).when(closeIt()).thenThrows('CONSULTATION.ALREADY_CLOSED', 'conflict');
    });
  });

  describe('contributionsFromSurveyResponse', () => {
    const idFor = (responseId: string, questionId: string) => `${responseId}:${questionId}`;

    it('turns each text answer into a survey contribution, choices not', () => {
      expect(contributionsFromSurveyResponse(responded({ late: true }), idFor)).toEqual([
        {
          contributionId: 'resp-1:q-priority',
          consultationId,
          cycleId,
          policyAreaId: ANTI_CORRUPTION,
          stakeholderId: idm,
          channel: 'survey',
          body: 'Publish asset declarations of senior officials as open data',
          commitmentId: null,
          late: true,
          source: { kind: 'survey_response', responseId: 'resp-1', questionId: 'q-priority' },
          personalDataSubject: null,
        },
      ]);
    });

    it('carries an individual\'s encrypted answer and subject over as they are', () => {
      const envelope = { $enc: 'A256GCM.v1', subject: arta, iv: 'aXY=', ct: 'Y3Q=', tag: 'dGFn' };
      const event = responded({
        stakeholderId: arta,
        personalDataSubject: arta,
        answers: [
          { questionId: 'q-priority', type: 'text', value: envelope },
          { questionId: 'q-other', type: 'text', value: 'Whistle-blower protection' },
        ],
      });
      const contributions = contributionsFromSurveyResponse(event, idFor);
      expect(contributions.map((c) => [c.contributionId, c.body, c.stakeholderId, c.personalDataSubject])).toEqual([
        ['resp-1:q-priority', envelope, arta, arta],
        ['resp-1:q-other', 'Whistle-blower protection', arta, arta],
      ]);
    });

    it('skips blank text answers and yields nothing for an anonymous choice-only response', () => {
      const event = responded({
        stakeholderId: null,
        answers: [
          { questionId: 'q-priority', type: 'text', value: '   ' },
          { questionId: 'q-engaged', type: 'choice', value: 'No' },
        ],
      });
      expect(contributionsFromSurveyResponse(event, idFor)).toEqual([]);
    });
  });

  describe('state', () => {
    it('exposes what handlers and other rules need', () => {
      const { state } = spec(consultationDecider).given([...openSurvey, responded(), closed]);
      expect(state).toMatchObject({
        exists: true,
        consultationId,
        cycleId,
        policyAreaId: ANTI_CORRUPTION,
        leadInstitution: 'Ministry of Justice',
        kind: 'survey',
        closed: true,
        closedAt: '2020-08-20T18:00:00Z',
        surveyQuestions: questions,
        hasResponses: true,
      });
    });

    it('snapshots the consultation for contributions and reports, POC-only outside a policy area', () => {
      const area = spec(consultationDecider).given([survey]).state;
      const council = spec(consultationDecider).given([councilMeeting]).state;
      expect(consultationSnapshot(area)).toEqual({ exists: true, closed: false, cycleId, policyAreaId: ANTI_CORRUPTION, leadInstitution: 'Ministry of Justice' });
      expect(scopeInstitution(council)).toBeNull();
      expect(consultationSnapshot(council)).toMatchObject({ policyAreaId: null, leadInstitution: null });
      expect(consultationSnapshot(consultationDecider.initialState).exists).toBe(false);
    });

    it('lists every event type once', () => {
      expect(new Set(CONSULTATION_EVENT_TYPES).size).toBe(7);
    });
  });
});
