import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** What every command answers. */
export class CommandResponse {
  @ApiProperty({ description: 'Id of the aggregate the command acted on (or created)', format: 'uuid' })
  id: string;

  @ApiProperty({ description: "The aggregate stream's revision after the command (0-based)", example: 3 })
  revision: number;

  @ApiProperty({ description: 'Log position of the last event; pass it as consistentWith to read your write', example: '1234:5678' })
  position: string;
}

export class ProblemDocument {
  @ApiProperty({ example: 'urn:consultation-record:problem:contribution.withdrawn' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'contribution 6c1f… was withdrawn' }) detail: string;
  @ApiProperty({ example: 'CONTRIBUTION.WITHDRAWN' }) code: string;
  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'object', required: ['field', 'reason'], properties: { field: { type: 'string' }, reason: { type: 'string' } } },
    description: 'For invalid input: each failing field and why',
    example: [{ field: 'rationale', reason: 'rationale should not be empty' }],
  })
  errors?: { field: string; reason: string }[];
  @ApiProperty() requestId: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed or invalid input: every failing field is named in `errors`',
  401: 'No bearer token, or an invalid one',
  403: 'Your role or scope does not allow this',
  404: 'No such resource (an unknown id in the path)',
  409: 'Conflicts with the current state of the record (a rule, a wrong expected revision, a reused Idempotency-Key); `code` says which',
  413: 'The body is larger than BODY_LIMIT_BYTES',
  415: 'The body is not of a media type this operation takes',
  503: 'The read models did not reach consistentWith in time',
};

/** Documents the RFC 9457 answers an endpoint can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDocument),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDocument) } } },
      }),
    ),
  );
}

/** The usual set for a command. */
export const COMMAND_PROBLEMS = [400, 401, 403, 404, 409, 413] as const;
