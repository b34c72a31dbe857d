import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery, ReadQuery } from '../../read-side/pagination.js';

/** The `asOf` query parameter (parsed and checked by AsOfService, which names it in a 400). */
const AsOfParameter = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'The recording clock: the answer as the record stood then, rebuilt from the events — a log position (the events up to and including it) ' +
        'or an ISO 8601 time (the events recorded by then; a date alone means 00:00 UTC). Not in the future. A 404 names when the record starts ' +
        '(recordStartsAt). Redactions and erasures made since apply to the past too.',
      example: '2026-11-24T12:00:00Z',
    }),
    IsOptional(),
    IsString(),
    MaxLength(100),
  );

/** The `asOfOccurred` query parameter: the world's clock. */
const AsOfOccurredParameter = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'The world\'s clock: the answer from the events that happened (occurredAt) at or before this ISO 8601 time, as the record holds them ' +
        'today — for a backfilled record, "what did things look like on 2020-12-01". Each stream is cut at its first event dated later. ' +
        'With asOf: what the record said at asOf about the world at asOfOccurred.',
      example: '2020-12-01',
    }),
    IsOptional(),
    IsString(),
    MaxLength(100),
  );

/** The query parameters of a view that can answer about the past. */
export class AsOfQuery extends ReadQuery {
  @AsOfParameter() asOf?: string;
  @AsOfOccurredParameter() asOfOccurred?: string;
}

/** The same, for a paginated list. */
export class AsOfListQuery extends ListQuery {
  @AsOfParameter() asOf?: string;
  @AsOfOccurredParameter() asOfOccurred?: string;
}
