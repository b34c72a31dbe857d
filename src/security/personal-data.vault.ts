import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { DomainError } from '../shared/domain-error.js';
import type { EncryptedValue, PersonalText } from '../shared/personal-text.js';

const ALGORITHM = 'A256GCM.v1';
const CACHE_MS = 30_000;

function seal(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

function open(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

export function isEncrypted(value: unknown): value is EncryptedValue {
  return typeof value === 'object' && value !== null && typeof (value as EncryptedValue).$enc === 'string';
}

/**
 * Crypto-shredding. Each person (subject) has a data key of their own, stored only wrapped by the
 * master key; personal fields of events are encrypted with it. Erasure destroys the wrapped key:
 * the events stay byte-for-byte (the hash chain still verifies) but can no longer be read.
 */
export class PersonalDataVault {
  private readonly cache = new Map<string, { key: Buffer | null; at: number }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new Error('the master key must be 32 bytes');
  }

  async encrypt(subject: string, plaintext: string): Promise<EncryptedValue> {
    const key = await this.key(subject, true);
    if (!key) {
      throw new DomainError('PERSONAL_DATA.ERASED', `the personal data of ${subject} was erased; no new personal data can be recorded for it`);
    }
    const { iv, ct, tag } = seal(key, Buffer.from(plaintext, 'utf8'), subject);
    return { $enc: ALGORITHM, subject, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
  }

  /** The plain text, or null when the subject's key was destroyed. */
  async decrypt(value: PersonalText): Promise<string | null> {
    if (!isEncrypted(value)) return value;
    const key = await this.key(value.subject, false);
    if (!key) return null;
    return open(
      key,
      Buffer.from(value.iv, 'base64'),
      Buffer.from(value.ct, 'base64'),
      Buffer.from(value.tag, 'base64'),
      value.subject,
    ).toString('utf8');
  }

  /** Destroys the subject's key. True when there was a key to destroy. */
  async erase(subject: string): Promise<boolean> {
    const result = await this.pool.query<{ had_key: boolean }>(
      `INSERT INTO personal_data_keys (subject, wrapped_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(personal_data_keys.erased_at, now())
       RETURNING (xmax <> 0) AS had_key`,
      [subject],
    );
    this.cache.set(subject, { key: null, at: Date.now() });
    return result.rows[0]?.had_key ?? false;
  }

  async isErased(subject: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ erased: boolean }>(
      'SELECT erased_at IS NOT NULL AS erased FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    return rows[0]?.erased ?? false;
  }

  private async key(subject: string, create: boolean): Promise<Buffer | null> {
    const cached = this.cache.get(subject);
    // Other processes may erase: a cached key is trusted for a short while only.
    if (cached && Date.now() - cached.at < CACHE_MS && (cached.key || !create)) return cached.key;
    if (create) {
      const key = randomBytes(32);
      const wrapped = seal(this.masterKey, key, `cr-dek:${subject}`);
      await this.pool.query(
        'INSERT INTO personal_data_keys (subject, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING',
        [subject, Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ct])],
      );
    }
    const { rows } = await this.pool.query<{ wrapped_key: Buffer | null }>(
      'SELECT wrapped_key FROM personal_data_keys WHERE subject = $1',
      [subject],
    );
    const wrapped = rows[0]?.wrapped_key ?? null;
    const key = wrapped ? open(this.masterKey, wrapped.subarray(0, 12), wrapped.subarray(28), wrapped.subarray(12, 28), `cr-dek:${subject}`) : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(subject, { key, at: Date.now() });
    return key;
  }
}
