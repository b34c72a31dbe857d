/**
 * Every TypeORM entity and every migration of the service, in one place, so the service, the CLI
 * and the tests build the same schema. Append migrations in timestamp order; a merged migration is
 * never edited.
 */
import type { MixedList } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: MixedList<Function> = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [];
