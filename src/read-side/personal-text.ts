import { Injectable } from '@nestjs/common';
import { isEncrypted, PersonalDataVault } from '../security/personal-data.vault.js';
import type { PersonalText } from '../shared/personal-text.js';

export interface Presented {
  /** The text, or null when not shown (not allowed, redacted, or erased). */
  text: string | null;
  /** The person's data was erased: the text can no longer be read by anyone. */
  erased: boolean;
}

/** Turns a stored personal field into what a given reader may see. */
@Injectable()
export class PersonalTextPresenter {
  constructor(private readonly vault: PersonalDataVault) {}

  async present(value: unknown, allowed: boolean): Promise<Presented> {
    if (value === null || value === undefined) return { text: null, erased: false };
    if (!isEncrypted(value)) return { text: typeof value === 'string' ? value : null, erased: false };
    if (!allowed) return { text: null, erased: false };
    const text = await this.vault.decrypt(value as PersonalText);
    return { text, erased: text === null };
  }
}
