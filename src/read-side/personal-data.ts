import { isEncrypted, type PersonalDataVault } from '../security/personal-data.vault.js';
import type { PersonalText } from '../shared/personal-text.js';

export interface PresentedData<T> {
  data: T;
  /** Paths of personal values whose person's key was destroyed: no one can read them any more. */
  erased: string[];
  /** Paths of personal values this reader may not see (shown as null). */
  withheld: string[];
}

/**
 * Walks event data and replaces every encrypted personal value by its text when `allowed(subject)`,
 * else by null, naming the paths that were erased or withheld.
 */
export async function presentPersonalData<T>(vault: PersonalDataVault, data: T, allowed: (subject: string) => boolean): Promise<PresentedData<T>> {
  const erased: string[] = [];
  const withheld: string[] = [];
  const walk = async (value: unknown, path: string): Promise<unknown> => {
    if (isEncrypted(value)) {
      if (!allowed(value.subject)) {
        withheld.push(path);
        return null;
      }
      const text = await vault.decrypt(value as PersonalText);
      if (text === null) erased.push(path);
      return text;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v, i) => walk(v, path ? `${path}.${i}` : String(i))));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await walk(v, path ? `${path}.${k}` : k);
      return out;
    }
    return value;
  };
  return { data: (await walk(data, '')) as T, erased, withheld };
}
