import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQuery, ReadQuery } from '../../read-side/pagination.js';

/** The `asOf` query parameter (parsed and checked by AsOfService, which names it in a 400). */
const AsOfParameter = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'The answer as the record stood then, rebuilt from the events: a log position (the events up to and including it) or an ISO 8601 time ' +
        '(the events recorded by then; a date alone means 00:00 UTC). Not in the future.',
      examples: { position: { value: '1234:5678' }, time: { value: '2020-11-30T12:00:00Z' } },
    }),
    IsOptional(),
    IsString(),
    MaxLength(100),
  );

/** The query parameters of a view that can answer as of a past point. */
export class AsOfQuery extends ReadQuery {
  @AsOfParameter() asOf?: string;
}

/** The same, for a paginated list. */
export class AsOfListQuery extends ListQuery {
  @AsOfParameter() asOf?: string;
}
