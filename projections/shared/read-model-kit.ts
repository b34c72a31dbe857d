import type { Provider, Type } from '@nestjs/common';
import type { MigrationInterface } from 'typeorm';
import type { ProjectionDefinition } from '../../src/projection-runner/projection.js';

/**
 * One read model, whole: each `projections/<name>/<name>.read-model.ts` exports one, and
 * `READ_MODELS` in `projections/index.ts` lists them all. The runner's projections, the migrations, the entities
 * and the query side's module (controllers, query handlers, repositories) are all derived from that list.
 */
export interface ReadModelKit {
  /** Its projection: the handlers the runner drives, its tables and their entities (none for a read model that only queries others' tables). */
  projection?: ProjectionDefinition;
  /** Every migration of its tables (any order: TypeORM runs migrations sorted by their class name's timestamp). */
  migrations: readonly (new () => MigrationInterface)[];
  /** The controllers that answer its queries over HTTP. */
  controllers?: readonly Type[];
  /** Its query handlers and what they need. */
  providers?: readonly Provider[];
}
