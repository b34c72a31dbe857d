import { isEncrypted, type PersonalDataVault } from './personal-data.vault.js';

type Data = Record<string, unknown>;

/**
 * Which fields of which events are personal data, encrypted under `data.personalDataSubject`
 * (when that is null, nothing is personal: organisations and anonymous input).
 */
const PERSONAL_FIELDS: Record<string, (data: Data) => string[]> = {
  StakeholderRegistered: (d) => [...(d.kind === 'individual' ? ['name'] : []), ...(d.email != null ? ['email'] : [])],
  ContributionReceived: () => ['body'],
  // Choice answers stay plain: they are counted, and counts must survive an erasure unchanged.
  SurveyResponseSubmitted: (d) =>
    ((d.answers as Array<{ type?: string }>) ?? []).flatMap((a, i) => (a.type === 'choice' ? [] : [`answers.${i}.value`])),
};

function getPath(data: Data, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Data | undefined)?.[key], data);
}

function setPath(data: Data, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce<Data>((node, key) => node[key] as Data, data);
  parent[last] = value;
}

/** Returns a copy of the event data with its personal fields encrypted. */
export async function encryptPersonalFields(vault: PersonalDataVault, type: string, data: Data): Promise<Data> {
  const subject = data.personalDataSubject;
  const fields = PERSONAL_FIELDS[type];
  if (typeof subject !== 'string' || !fields) return data;
  const copy = structuredClone(data);
  for (const path of fields(copy)) {
    const value = getPath(copy, path);
    if (typeof value === 'string') setPath(copy, path, await vault.encrypt(subject, value));
  }
  return copy;
}

/** Replaces every encrypted value by null: for readers not allowed to see personal data. */
export function redactTree<T>(value: T): T {
  if (isEncrypted(value)) return null as T;
  if (Array.isArray(value)) return value.map((v) => redactTree(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactTree(v)])) as T;
  }
  return value;
}
