import { plainToInstance, Transform } from 'class-transformer';
import { createRequire } from 'node:module';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  type ValidationError,
} from 'class-validator';

const require = createRequire(import.meta.url);

/**
 * The client's own parser, loaded only when the variable is set (it is a small module; the
 * client's gRPC stack is not loaded here), so that a malformed string stops start-up before
 * anything starts, with the parser's reason.
 */
function connectionStringProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !/^esdb(\+discover)?:\/\//.test(value)) return null; // the pattern above says why
  const { parseConnectionString } = require('@eventstore/db-client/dist/Client/parseConnectionString.js') as {
    parseConnectionString: (s: string) => { hosts: unknown[] };
  };
  try {
    const parsed = parseConnectionString(value);
    return parsed.hosts.length === 0 ? 'names no host' : null;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
}

function IsEventStoreDBConnectionString(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEventStoreDBConnectionString',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => connectionStringProblem(value) === null,
        defaultMessage: (args) => `EVENTSTORE_CONNECTION_STRING is not a valid connection string: ${connectionStringProblem(args?.value)}`,
      },
    });
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The only place that reads the environment. Property names are the variable names, so a
 * validation message names the variable a person has to fix.
 */
export class AppConfig {
  /** A PostgreSQL server to use instead of the embedded one. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  /**
   * The schema owner's URL, for the migrations at start-up; the service then runs as DATABASE_URL's
   * role, which may append to the log only through cr_append (see src/database/service-role.ts).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** Where the embedded PostgreSQL, the generated master key and other local state live. */
  @IsString()
  @MinLength(1)
  DATA_DIR: string = './.data';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT: number = 3000;

  /** TCP port of the embedded PostgreSQL (loopback only). */
  @Transform(toInt)
  @IsInt({ message: 'EMBEDDED_PG_PORT must be an integer between 1024 and 65535' })
  @Min(1024, { message: 'EMBEDDED_PG_PORT must be an integer between 1024 and 65535' })
  @Max(65535, { message: 'EMBEDDED_PG_PORT must be an integer between 1024 and 65535' })
  EMBEDDED_PG_PORT: number = 54329;

  /** Connection pool size for the event store and the read models. */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_POOL_SIZE must be an integer between 2 and 200' })
  @Min(2, { message: 'DATABASE_POOL_SIZE must be an integer between 2 and 200' })
  @Max(200, { message: 'DATABASE_POOL_SIZE must be an integer between 2 and 200' })
  DATABASE_POOL_SIZE: number = 20;

  /** Switches the event store to EventStoreDB (read models stay in PostgreSQL). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/.+/, {
    message: 'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string (a kurrentdb:// one works as esdb://)',
  })
  @IsEventStoreDBConnectionString()
  EVENTSTORE_CONNECTION_STRING?: string;

  /** HS256 secret for bearer tokens. Generated into DATA_DIR on the embedded default when unset. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters' })
  @MaxLength(512)
  AUTH_JWT_SECRET?: string;

  /** Base64 of 32 bytes: wraps the per-person keys. Generated into DATA_DIR on the embedded default. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'MASTER_KEY must be the base64 encoding of exactly 32 bytes' })
  MASTER_KEY?: string;

  /** Largest accepted request body, in bytes. */
  @Transform(toInt)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  @Max(104857600, { message: 'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600' })
  BODY_LIMIT_BYTES: number = 262144;

  /** How long a query with consistentWith waits for the projections before answering 503. */
  @Transform(toInt)
  @IsInt({ message: 'CONSISTENCY_TIMEOUT_MS must be an integer between 0 and 60000' })
  @Min(0, { message: 'CONSISTENCY_TIMEOUT_MS must be an integer between 0 and 60000' })
  @Max(60000, { message: 'CONSISTENCY_TIMEOUT_MS must be an integer between 0 and 60000' })
  CONSISTENCY_TIMEOUT_MS: number = 5000;

  /** A contribution without a response after this many days counts as overdue. */
  @Transform(toInt)
  @IsInt({ message: 'OVERDUE_DAYS must be an integer between 1 and 3650' })
  @Min(1, { message: 'OVERDUE_DAYS must be an integer between 1 and 3650' })
  @Max(3650, { message: 'OVERDUE_DAYS must be an integer between 1 and 3650' })
  OVERDUE_DAYS: number = 30;

  /** Events per projection transaction (each batch and its checkpoint commit together). */
  @Transform(toInt)
  @IsInt({ message: 'PROJECTION_BATCH_SIZE must be an integer between 1 and 10000' })
  @Min(1, { message: 'PROJECTION_BATCH_SIZE must be an integer between 1 and 10000' })
  @Max(10000, { message: 'PROJECTION_BATCH_SIZE must be an integer between 1 and 10000' })
  PROJECTION_BATCH_SIZE: number = 500;

  /** How long a public web page read live may be served again (its stamp says which position it shows); 0: never. */
  @Transform(toInt)
  @IsInt({ message: 'WEB_PAGE_CACHE_MS must be an integer between 0 and 60000' })
  @Min(0, { message: 'WEB_PAGE_CACHE_MS must be an integer between 0 and 60000' })
  @Max(60000, { message: 'WEB_PAGE_CACHE_MS must be an integer between 0 and 60000' })
  WEB_PAGE_CACHE_MS: number = 2000;

  /** Whether the projection runner starts with the service (off for one-shot CLI work). */
  @IsIn(['true', 'false'], { message: 'PROJECTIONS_ENABLED must be true or false' })
  PROJECTIONS_ENABLED: 'true' | 'false' = 'true';

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of error, warn, log, debug, verbose',
  })
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** text for people, json (one object per line) for log collectors in production. */
  @IsIn(['text', 'json'], { message: 'LOG_FORMAT must be text or json' })
  LOG_FORMAT: 'text' | 'json' = 'text';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(new AppConfig()).concat([
  'DATABASE_URL',
  'MIGRATION_DATABASE_URL',
  'EVENTSTORE_CONNECTION_STRING',
  'AUTH_JWT_SECRET',
  'MASTER_KEY',
]);

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)));
}

/** Builds and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof AppConfig, string | number | undefined>> = {},
): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = key in overrides ? overrides[key as keyof AppConfig] : env[key];
    if (value !== undefined) raw[key] = typeof value === 'number' ? String(value) : value;
  }
  const config = plainToInstance(AppConfig, raw);
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  const problems = flatten(errors);
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    problems.push('MIGRATION_DATABASE_URL needs DATABASE_URL (the role the service runs as); the embedded PostgreSQL separates the roles by itself');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
