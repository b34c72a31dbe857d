import { createHash, randomUUID } from 'node:crypto';

// A fixed namespace for this service's name-based ids.
const NAMESPACE = Buffer.from('6f3c1b0e4a2d4c7e9b1f2a3c4d5e6f70', 'hex');

/** RFC 4122 version-5 (SHA-1, name-based) UUID: the same name always gives the same id. */
export function uuidv5(name: string, namespace: Buffer = NAMESPACE): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const randomId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * The n-th new id of a command. Under an idempotency seed (from the request's Idempotency-Key) it is
 * derived from the seed, so a retried request makes the very same aggregate ids and the store
 * recognises the replay; without one it is random.
 */
export function seededId(seed: string | undefined, index = 0): string {
  return seed ? uuidv5(`${seed}#${index}`) : randomId();
}
