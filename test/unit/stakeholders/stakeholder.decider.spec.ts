import type { StakeholderCommand } from '../../../src/stakeholders/domain/commands.js';
import type { StakeholderEvent } from '../../../src/stakeholders/domain/events.js';
import {
  personalDataSubjectFor,
  stakeholderDecider,
  stakeholderSnapshot,
} from '../../../src/stakeholders/domain/stakeholder.decider.js';
import { lfpJustice, poc, spec } from '../../support/decider-spec.js';

const cso = 'a5e1c0de-0000-4000-8000-000000000001';
const citizen = 'a5e1c0de-0000-4000-8000-000000000002';
const at = '2020-07-20T09:00:00Z';

const csoRegistered: StakeholderEvent = {
  type: 'StakeholderRegistered',
  data: {
    stakeholderId: cso,
    kind: 'cso',
    name: 'Institute for Democracy and Mediation',
    email: 'info@idmalbania.org',
    registryRef: 'AMSHC-1234',
    personalDataSubject: cso,
  },
};
const citizenRegistered: StakeholderEvent = {
  type: 'StakeholderRegistered',
  data: { stakeholderId: citizen, kind: 'individual', name: 'Arta Hoxha', email: null, registryRef: null, personalDataSubject: citizen },
};
const erased: StakeholderEvent = {
  type: 'PersonalDataErased',
  data: { stakeholderId: citizen, subject: citizen, reason: 'Request under the Law on Personal Data Protection' },
};

const erase = (reason: string, stakeholderId = citizen): StakeholderCommand => ({
  type: 'EraseStakeholderPersonalData',
  actor: poc,
  occurredAt: at,
  stakeholderId,
  reason,
});

describe('stakeholder decider', () => {
  describe('RegisterStakeholder', () => {
    it('registers a CSO from the Agency for Support of Civil Society register', () => {
      spec(stakeholderDecider)
        .given([])
        .when({
          type: 'RegisterStakeholder',
          actor: poc,
          occurredAt: at,
          stakeholderId: cso,
          kind: 'cso',
          name: 'Institute for Democracy and Mediation',
          email: 'info@idmalbania.org',
          registryRef: 'AMSHC-1234',
        })
        .then([csoRegistered]);
    });

    it('lets an LFP register a citizen, subject of its own personal data, with absent fields as null', () => {
      spec(stakeholderDecider)
        .given([])
        .when({ type: 'RegisterStakeholder', actor: lfpJustice, occurredAt: at, stakeholderId: citizen, kind: 'individual', name: 'Arta Hoxha' })
        .then([citizenRegistered]);
    });

    it('refuses to register the same stakeholder twice', () => {
      spec(stakeholderDecider)
        .given([csoRegistered])
        .when({ type: 'RegisterStakeholder', actor: poc, occurredAt: at, stakeholderId: cso, kind: 'cso', name: 'IDM' })
        .thenThrows('STAKEHOLDER.ALREADY_EXISTS', 'conflict');
    });
  });

  describe('EraseStakeholderPersonalData', () => {
    it('records the erasure of the stakeholder\'s personal data', () => {
      spec(stakeholderDecider).given([citizenRegistered]).when(erase('Request under the Law on Personal Data Protection')).then([erased]);
    });

    it('keeps the reason without surrounding whitespace', () => {
      const [event] = spec(stakeholderDecider).given([citizenRegistered]).when(erase('  asked by the citizen \n')).events();
      expect(event.data).toMatchObject({ reason: 'asked by the citizen' });
    });

    it('answers STAKEHOLDER.NOT_FOUND for a stakeholder never registered', () => {
      spec(stakeholderDecider).given([]).when(erase('asked')).thenThrows('STAKEHOLDER.NOT_FOUND', 'not_found');
    });

    it('refuses to erase twice', () => {
      spec(stakeholderDecider).given([citizenRegistered, erased]).when(erase('asked again')).thenThrows('STAKEHOLDER.ALREADY_ERASED', 'conflict');
    });

    it('refuses an erasure without a reason', () => {
      const error = spec(stakeholderDecider).given([citizenRegistered]).when(erase('   ')).thenThrows('STAKEHOLDER.REASON_REQUIRED', 'invalid');
      expect(error.details).toEqual({ field: 'reason' });
    });
  });

  describe('state', () => {
    it('keeps existence, kind and erasure, never the personal fields', () => {
      const { state } = spec(stakeholderDecider).given([citizenRegistered, erased]);
      expect(state).toEqual({ exists: true, stakeholderId: citizen, kind: 'individual', erased: true });
    });

    it('snapshots a stakeholder for other aggregates\' rules', () => {
      expect(stakeholderSnapshot(cso, spec(stakeholderDecider).given([csoRegistered]).state)).toEqual({ id: cso, exists: true, kind: 'cso' });
      expect(stakeholderSnapshot(cso, stakeholderDecider.initialState)).toEqual({ id: cso, exists: false, kind: null });
    });

    it('makes only an individual a personal-data subject', () => {
      expect(personalDataSubjectFor(citizen, 'individual')).toBe(citizen);
      expect(personalDataSubjectFor(cso, 'cso')).toBeNull();
      expect(personalDataSubjectFor(null, null)).toBeNull();
    });
  });
});
