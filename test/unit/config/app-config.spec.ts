import { ConfigError, loadConfig } from '../../../src/config/app-config.js';
import { resolveSecrets } from '../../../src/security/secrets.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ DATA_DIR: './.data', PORT: 3000, PROJECTION_BATCH_SIZE: 500, PROJECTIONS_ENABLED: 'true' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names every variable that is wrong, and why', () => {
    const found = problems({ PORT: 'eighty', DATABASE_URL: 'mysql://nope', MASTER_KEY: 'short', LOG_LEVEL: 'chatty' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PORT must be an integer between 1 and 65535'),
        expect.stringContaining('DATABASE_URL must be a postgres:// or postgresql:// URL'),
        expect.stringContaining('MASTER_KEY must be the base64 encoding of exactly 32 bytes'),
        expect.stringContaining('LOG_LEVEL must be one of'),
      ]),
    );
  });

  it('refuses a port out of range and reads numbers from strings', () => {
    expect(problems({ PORT: '70000' })[0]).toContain('PORT');
    expect(loadConfig({ PORT: '8080' }).PORT).toBe(8080);
  });

  it('requires both secrets when DATABASE_URL is set (a key kept only in a local folder could be lost)', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/x' });
    await expect(resolveSecrets(config)).rejects.toThrow(/AUTH_JWT_SECRET is required when DATABASE_URL is set[\s\S]*MASTER_KEY is required/);
  });

  it('checks EVENTSTORE_CONNECTION_STRING with the EventStoreDB client’s own parser, before anything starts', () => {
    expect(problems({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=maybe' })[0]).toMatch(
      /^EVENTSTORE_CONNECTION_STRING is not a valid connection string: Unexpected "maybe"/,
    );
    expect(problems({ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' })[0]).toContain('must be an esdb:// or esdb+discover:// connection string');
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://admin:changeit@eventstore:2113?tls=false' }).EVENTSTORE_CONNECTION_STRING).toBe(
      'esdb://admin:changeit@eventstore:2113?tls=false',
    );
    expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: '' }).EVENTSTORE_CONNECTION_STRING).toBeUndefined();
  });
});
