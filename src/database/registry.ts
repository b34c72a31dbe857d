/**
 * Every TypeORM entity and every migration of the service, in one place, so the service, the CLI
 * and the tests build the same schema. The read models' entities and migrations come from their
 * one list (projections/index.ts); only the others are listed here. The order of the list does not
 * matter: TypeORM's MigrationExecutor sorts migrations by the timestamp ending each class name. A
 * merged migration is never edited.
 */
import type { MixedList } from 'typeorm';
import { EventStore1795400000000 } from '../event-store/postgres/migrations/1795400000000-event-store.js';
import { ALL_PROJECTIONS, PROJECTION_MIGRATIONS } from '../../projections/index.js';
import { ProjectionState1795500000100 } from '../projection-runner/migrations/1795500000100-projection-state.js';
import { ReactorCheckpoints1795500000200 } from '../consultations/migrations/1795500000200-reactor-checkpoints.js';
import { OneCheckpointTable1796500000100 } from '../projection-runner/migrations/1796500000100-one-checkpoint-table.js';
import { PersonalDataKeys1795500000000 } from './migrations/1795500000000-personal-data-keys.js';
import { IdempotencyKeys1795500000001 } from './migrations/1795500000001-idempotency-keys.js';
import { AuditDigests1795500004000 } from '../audit/migrations/1795500004000-audit-digests.js';
import { AppendOnlyThroughCrAppend1796200000000 } from './migrations/1796200000000-append-only-through-cr-append.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const ENTITIES: MixedList<Function> = ALL_PROJECTIONS.flatMap((p) => [...p.entities]);

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  EventStore1795400000000,
  PersonalDataKeys1795500000000,
  IdempotencyKeys1795500000001,
  ProjectionState1795500000100,
  ReactorCheckpoints1795500000200,
  ...PROJECTION_MIGRATIONS,
  AuditDigests1795500004000,
  AppendOnlyThroughCrAppend1796200000000,
  OneCheckpointTable1796500000100,
];
