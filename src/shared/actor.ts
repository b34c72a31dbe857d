/** Who did something: every command carries one, and every event's metadata records it. */
export type Role = 'poc' | 'lfp' | 'stakeholder' | 'auditor' | 'system';

export interface Actor {
  id: string;
  role: Role;
  institution?: string;
}
