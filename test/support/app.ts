import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { resolveSecrets } from '../../src/security/secrets.js';
import { signToken, type TokenClaims } from '../../src/security/tokens.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { eventStoreDBRun, startEventStoreDB, type TestEventStoreDB } from './eventstoredb.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  app: NestExpressApplication;
  db: TestDatabase;
  http: TestAgent;
  config: AppConfig;
  /** The EventStoreDB connection string when the app runs on EventStoreDB, else null. */
  eventStore: string | null;
  token(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

export const INSTITUTIONS = {
  poc: 'Office of the Prime Minister',
  justice: 'Ministry of Justice',
  finance: 'Ministry of Finance',
  nais: 'National Agency for Information Society',
  services: 'Agency for Services',
} as const;

/**
 * The real service on a database of its own: real PostgreSQL, real HTTP through supertest.
 * Projections run unless `projections: false`.
 */
export async function startTestApp(
  options: {
    projections?: boolean;
    overrides?: Partial<Record<keyof AppConfig, string | number>>;
    /** Restart on an existing database (left in place by close()). */
    db?: TestDatabase;
    masterKey?: string;
    /** The event store: PostgreSQL, or EventStoreDB (read models stay in PostgreSQL). Default: EventStoreDB under npm run test:eventstoredb. */
    eventStore?: 'postgres' | 'eventstoredb';
  } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const esdb: TestEventStoreDB | null = (options.eventStore ?? (eventStoreDBRun() ? 'eventstoredb' : 'postgres')) === 'eventstoredb' ? await startEventStoreDB() : null;
  const config = loadConfig(
    {},
    {
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      MASTER_KEY: options.masterKey ?? randomBytes(32).toString('base64'),
      LOG_LEVEL: 'error',
      PROJECTIONS_ENABLED: options.projections === false ? 'false' : 'true',
      ...(esdb ? { EVENTSTORE_CONNECTION_STRING: esdb.connectionString } : {}),
      ...options.overrides,
    },
  );
  const secrets = await resolveSecrets(config);
  const app = await createApp({ config, databaseUrl: db.url, secrets }, { logger: ['error'] });
  return {
    app,
    db,
    config,
    eventStore: esdb?.connectionString ?? null,
    http: request(app.getHttpServer()),
    token: (claims) => signToken(TEST_JWT_SECRET, claims),
    async close() {
      await app.close();
      await esdb?.stop();
      if (!options.db) await db.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
