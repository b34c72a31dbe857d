import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EventStore } from '../../event-store/event-store.port.js';
import { ProblemException } from '../../http/problem.js';

/** `?type=a&type=b` and `?type=a,b` alike. */
const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [v]));

export class VerifyDigestRequest {
  @ApiProperty({ description: 'The position the digest was issued at (GET /v1/audit/digest)', example: '1234:5678' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  position: string;

  @ApiProperty({ description: 'The digest: 64 hex characters', example: 'a3f1…' })
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256: string;
}

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'Only events after this position (exclusive)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;

  @ApiPropertyOptional({ description: 'Event types: repeat the parameter or separate with commas', type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayNotEmpty({ message: 'type must name at least one event type' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  type?: string[];

  @ApiPropertyOptional({ description: 'Stream ids (e.g. contribution-<id>): repeat the parameter or separate with commas', type: [String] })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayNotEmpty({ message: 'stream must name at least one stream id' })
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  stream?: string[];

  @ApiPropertyOptional({ description: 'At most this many events (default: all)', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  limit?: number;
}

/** A 400 naming the field unless the value is a position of this store. */
export function requirePosition(store: EventStore, value: string, field: string): string {
  if (store.isPosition(value)) return value;
  throw new ProblemException(400, 'VALIDATION.FAILED', 'Invalid request', `${field}: not a log position`, {
    errors: [{ field, reason: `must be a log position (${store.positionFormat}, as returned by a command or the digest)` }],
  });
}
