import type { Request } from 'express';
import { DECISIONS } from '../contributions/domain/events.js';
import { ProblemException } from '../http/problem.js';
import { isUuid } from '../../projections/shared/aggregate-view.js';
import { PUBLIC_STATUSES } from './view-models/pages.js';

/** The query parameters the pages understand; others (a campaign tag, say) are ignored, not refused. */
export interface PageParams {
  asOf?: string;
  cursor?: string;
  decision?: string;
  status?: string;
  policyAreaId?: string;
  consultationId?: string;
  q?: string;
  /** Items per page of a list. */
  limit?: number;
}

type Check = (value: string) => string | null;

const maxLength = (n: number): Check => (v) => (v.length <= n ? null : `at most ${n} characters`);
const oneOf = (values: readonly string[]): Check => (v) => (values.includes(v) ? null : `one of ${values.join(', ')}`);
const between = (lo: number, hi: number): Check => (v) => (/^\d+$/.test(v) && Number(v) >= lo && Number(v) <= hi ? null : `a whole number from ${lo} to ${hi}`);
const uuid: Check = (v) => (isUuid(v) ? null : 'a uuid');

const CHECKS: Record<keyof PageParams, Check> = {
  asOf: maxLength(100),
  cursor: maxLength(500),
  decision: oneOf(DECISIONS),
  status: oneOf(PUBLIC_STATUSES),
  policyAreaId: uuid,
  consultationId: uuid,
  q: maxLength(200),
  limit: between(5, 100),
};

/** Reads and checks the page parameters: an empty one is absent; a bad one is a 400 naming it. */
export function pageParams(req: Request): PageParams {
  const out: PageParams = {};
  const errors: Array<{ field: string; reason: string }> = [];
  for (const [field, check] of Object.entries(CHECKS) as Array<[keyof PageParams, Check]>) {
    const raw = req.query[field];
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string') {
      errors.push({ field, reason: 'must be given once' });
      continue;
    }
    const value = raw.trim();
    if (value === '') continue;
    const reason = check(value);
    if (reason) errors.push({ field, reason: `must be ${reason}` });
    else if (field === 'limit') out.limit = Number(value);
    else out[field] = value;
  }
  if (errors.length) {
    throw new ProblemException(400, 'VALIDATION.FAILED', 'Invalid request', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
  }
  return out;
}
