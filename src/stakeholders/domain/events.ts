import type { PersonalText } from '../../shared/personal-text.js';

export const STAKEHOLDER_KINDS = ['cso', 'individual', 'institution', 'academia', 'private_sector', 'international'] as const;
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number];

export interface StakeholderRegistered {
  type: 'StakeholderRegistered';
  data: {
    stakeholderId: string;
    kind: StakeholderKind;
    /** Personal when kind is individual. */
    name: PersonalText;
    /** Personal (a contact detail) whoever it belongs to. */
    email: PersonalText | null;
    registryRef: string | null;
    /** Always the stakeholder's own id: the key its name (if individual) and email are encrypted under. */
    personalDataSubject: string;
  };
}

export interface PersonalDataErased {
  type: 'PersonalDataErased';
  data: { stakeholderId: string; subject: string; reason: string };
}

export type StakeholderEvent = StakeholderRegistered | PersonalDataErased;
