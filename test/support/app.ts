import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent.js';
import { createApp, openApiDocument } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { resolveSecrets } from '../../src/security/secrets.js';
import { signToken, type TokenClaims } from '../../src/security/tokens.js';
import { Contract, recordAnswers, type OpenApiDocument, type RecordedAnswer } from './contract.js';
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
  /** Every answer the app gave so far (validated against the OpenAPI document at close()). */
  answers: RecordedAnswer[];
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
 * Projections run unless `projections: false`. Every answer it gives is recorded, and close()
 * fails the test file when one breaks the OpenAPI contract (an undeclared status or content type,
 * a body that does not match its schema, an error that is not problem+json).
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
  const answers = recordAnswers(app.getHttpServer());
  return {
    app,
    db,
    config,
    eventStore: esdb?.connectionString ?? null,
    http: request(app.getHttpServer()),
    token: (claims) => signToken(TEST_JWT_SECRET, claims),
    answers,
    async close() {
      const contract = new Contract(openApiDocument(app) as unknown as OpenApiDocument);
      const broken = [...new Set(answers.map((a) => contract.answerViolation(a)).filter((v): v is string => v !== null))];
      await app.close();
      await esdb?.stop();
      if (!options.db) await db.drop();
      if (broken.length > 0) throw new Error(`answers that break the OpenAPI contract:\n  ${broken.slice(0, 30).join('\n  ')}`);
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
