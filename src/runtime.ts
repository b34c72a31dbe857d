import type { AppConfig } from './config/app-config.js';
import type { Secrets } from './security/secrets.js';

/** What start-up resolved before Nest is built: validated config, the database to use, secrets. */
export interface Runtime {
  config: AppConfig;
  databaseUrl: string;
  secrets: Secrets;
}

export const RUNTIME = Symbol('RUNTIME');
