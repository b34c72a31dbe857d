import type { Decider } from '../../shared/decider.js';
import { DomainError } from '../../shared/domain-error.js';
import type { EraseStakeholderPersonalData, RegisterStakeholder, StakeholderCommand } from './commands.js';
import { StakeholderErrors, stakeholderNotFound, stakeholdersMissing } from './errors.js';
import type { StakeholderEvent, StakeholderKind } from './events.js';

export { STAKEHOLDER_KINDS, type StakeholderKind } from './events.js';

/** Personal fields (name, email) are never kept here: deciders do not read them. */
export interface StakeholderState {
  exists: boolean;
  stakeholderId: string | null;
  kind: StakeholderKind | null;
  erased: boolean;
}

/** The `stakeholder` context other aggregates' commands take. */
export interface StakeholderSnapshot {
  id: string;
  exists: boolean;
  kind: StakeholderKind | null;
}

export const stakeholderSnapshot = (id: string, state: StakeholderState): StakeholderSnapshot => ({
  id,
  exists: state.exists,
  kind: state.kind,
});

/** The subject whose key encrypts personal fields written about (or by) this stakeholder. */
export const personalDataSubjectFor = (stakeholderId: string | null, kind: string | null): string | null =>
  stakeholderId !== null && kind === 'individual' ? stakeholderId : null;

/** The distinct ids named in a body, after checking that each is a registered stakeholder (409 naming the missing). */
export function registeredStakeholders(ids: readonly string[], known: readonly { id: string; exists: boolean }[], field: string): string[] {
  const unique = [...new Set(ids)];
  const registered = new Set(known.filter((s) => s.exists).map((s) => s.id));
  const missing = unique.filter((id) => !registered.has(id));
  if (missing.length > 0) throw stakeholdersMissing(missing, field);
  return unique;
}

const initialState: StakeholderState = { exists: false, stakeholderId: null, kind: null, erased: false };

function decide(command: StakeholderCommand, state: StakeholderState): StakeholderEvent[] {
  switch (command.type) {
    case 'RegisterStakeholder':
      return register(command, state);
    case 'EraseStakeholderPersonalData':
      return erase(command, state);
  }
}

function register(command: RegisterStakeholder, state: StakeholderState): StakeholderEvent[] {
  if (state.exists) {
    throw new DomainError(StakeholderErrors.ALREADY_EXISTS, `stakeholder ${command.stakeholderId} already exists`, 'conflict');
  }
  const { stakeholderId, kind, name } = command;
  return [
    {
      type: 'StakeholderRegistered',
      data: {
        stakeholderId,
        kind,
        name,
        email: command.email ?? null,
        registryRef: command.registryRef ?? null,
        personalDataSubject: stakeholderId,
      },
    },
  ];
}

function erase(command: EraseStakeholderPersonalData, state: StakeholderState): StakeholderEvent[] {
  if (!state.exists) throw stakeholderNotFound(command.stakeholderId);
  if (state.erased) {
    throw new DomainError(StakeholderErrors.ALREADY_ERASED, `the personal data of ${command.stakeholderId} is already erased`, 'conflict');
  }
  const reason = command.reason.trim();
  if (reason === '') {
    throw new DomainError(StakeholderErrors.REASON_REQUIRED, 'an erasure needs a reason', 'invalid', { field: 'reason' });
  }
  const { stakeholderId } = command;
  return [{ type: 'PersonalDataErased', data: { stakeholderId, subject: stakeholderId, reason } }];
}

function evolve(state: StakeholderState, event: StakeholderEvent): StakeholderState {
  switch (event.type) {
    case 'StakeholderRegistered':
      return { ...state, exists: true, stakeholderId: event.data.stakeholderId, kind: event.data.kind };
    case 'PersonalDataErased':
      return { ...state, erased: true };
  }
}

export const stakeholderDecider: Decider<StakeholderCommand, StakeholderEvent, StakeholderState> = { initialState, decide, evolve };
