import { DECISIONS, type Decision } from '../../src/contributions/domain/events.js';
import type { Reader } from '../../src/read-side/access.js';

/**
 * Which responses an aggregate view counts by their decision. Counts hold no personal data, but a
 * decision is not public before the POC has endorsed and published it: anonymous callers and
 * stakeholders get decision counts over published responses only.
 */
export type DecisionsCounted = 'all' | 'published';

export const decisionsCountedFor = (reader: Reader): DecisionsCounted => (reader.kind === 'official' ? 'all' : 'published');

/** Every decision with its count, zeros included, so clients need not guess missing keys. */
export function countByDecision(rows: ReadonlyArray<{ decision: string; count: number }>): Record<Decision, number> {
  const counts = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<Decision, number>;
  for (const { decision, count } of rows) if (decision in counts) counts[decision as Decision] = count;
  return counts;
}

// One definition of a uuid, in src/shared (the website's params and queries take it from here).
export { isUuid } from '../../src/shared/ids.js';
