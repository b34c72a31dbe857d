/**
 * Every projection of the service. Each lives in a folder of its own with its entity, its
 * migration, its handlers and its queries; add it here and its migration to MIGRATIONS below.
 */
import type { ProjectionDefinition } from '../src/projection-runner/projection.js';

export const ALL_PROJECTIONS: ProjectionDefinition[] = [];

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const PROJECTION_MIGRATIONS: Function[] = [];
