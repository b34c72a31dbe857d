import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Keyset pagination on two ascending columns (the second breaks ties): the rows after the
 * cursor's key, at most `limit` (ask for limit + 1 and let toPage tell whether more follow).
 */
export function afterKey<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  [first, second]: readonly [string, string],
  after: unknown[] | null,
  limit: number,
): SelectQueryBuilder<T> {
  if (after) qb.andWhere(`(${first}, ${second}) > (:afterFirst, :afterSecond)`, { afterFirst: after[0], afterSecond: after[1] });
  return qb.orderBy(first, 'ASC').addOrderBy(second, 'ASC').limit(limit);
}

/** The columns of the order every per-contribution list uses: received, then id. */
export const receiptOrder = (alias: string) => [`${alias}.received_at`, `${alias}.contribution_id`] as const;

/** A row's key in that order (what its cursor holds). */
export const receiptKey = (row: { receivedAt: Date; contributionId: string }): unknown[] => [row.receivedAt.toISOString(), row.contributionId];
