import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DomainError } from '../shared/domain-error.js';

/** Query parameters every list and view accepts. */
export class ReadQuery {
  @ApiPropertyOptional({ description: 'Wait until the read models have passed this position (returned by a command)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  consistentWith?: string;
}

export class ListQuery extends ReadQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (nextCursor)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === length) return values;
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION.FAILED', 'cursor: not a cursor this list gave out', 'invalid', {
    errors: [{ field: 'cursor', reason: 'must be the nextCursor of a previous page' }],
  });
}

/** Fetch limit + 1 rows; this turns them into a page. */
export function toPage<R, T>(rows: R[], limit: number, cursorOf: (row: R) => unknown[], map: (row: R) => T | Promise<T>): Promise<Page<T>> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return Promise.all(kept.map(map)).then((items) => ({ items, nextCursor: more ? encodeCursor(cursorOf(kept[kept.length - 1])) : null }));
}
