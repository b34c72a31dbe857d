/**
 * Every projection of the service. Each lives in a folder of its own with its entity, its
 * migration, its handlers and its queries; add it here and its migration to MIGRATIONS below.
 */
import type { ProjectionDefinition } from '../src/projection-runner/projection.js';
import { accountabilityProjection } from './accountability/accountability.projection.js';
import { Accountability1795500001000 } from './accountability/migrations/1795500001000-accountability.js';

export const ALL_PROJECTIONS: ProjectionDefinition[] = [accountabilityProjection];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PROJECTION_MIGRATIONS: Function[] = [Accountability1795500001000];
