import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/app-config.js';

export interface Secrets {
  /** HS256 secret for bearer tokens. */
  authJwtSecret: string;
  /** 32 bytes: wraps every per-person key. */
  masterKey: Buffer;
  /** Where they came from, for the start-up log (never the values). */
  source: 'environment' | string;
}

const FILE = 'secrets.json';

/**
 * AUTH_JWT_SECRET and MASTER_KEY from the configuration, or — on the embedded default only — from
 * DATA_DIR/secrets.json, generated at the first start. Against an external database both must be
 * configured: a master key that lives only in a local folder would make the personal data
 * unreadable the day that folder is lost.
 */
export async function resolveSecrets(config: AppConfig): Promise<Secrets> {
  if (config.AUTH_JWT_SECRET && config.MASTER_KEY) {
    return {
      authJwtSecret: config.AUTH_JWT_SECRET,
      masterKey: Buffer.from(config.MASTER_KEY, 'base64'),
      source: 'environment',
    };
  }
  if (config.DATABASE_URL) {
    const missing = [!config.AUTH_JWT_SECRET && 'AUTH_JWT_SECRET', !config.MASTER_KEY && 'MASTER_KEY'].filter(Boolean);
    throw new ConfigError(
      missing.map((name) => `${String(name)} is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)`),
    );
  }
  const file = path.resolve(config.DATA_DIR, FILE);
  let stored: { authJwtSecret?: string; masterKey?: string } = {};
  if (existsSync(file)) {
    stored = JSON.parse(await readFile(file, 'utf8')) as typeof stored;
  } else {
    stored = { authJwtSecret: randomBytes(32).toString('base64url'), masterKey: randomBytes(32).toString('base64') };
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
      // Another process created it first: use theirs.
      if (error.code !== 'EEXIST') throw error;
      stored = JSON.parse(await readFile(file, 'utf8')) as typeof stored;
    });
  }
  if (!stored.authJwtSecret || !stored.masterKey) throw new ConfigError([`${file} is incomplete: restore it from a backup`]);
  return {
    authJwtSecret: config.AUTH_JWT_SECRET ?? stored.authJwtSecret,
    masterKey: Buffer.from(config.MASTER_KEY ?? stored.masterKey, 'base64'),
    source: file,
  };
}
