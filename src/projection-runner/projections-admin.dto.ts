import { ApiProperty } from '@nestjs/swagger';
import type { ProjectionStatus } from './projection-runner.service.js';

class RebuildProgressResponse {
  @ApiProperty({ type: Number, nullable: true, example: 2 }) version: number | null;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) position: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
}

export class ProjectionStatusResponse implements ProjectionStatus {
  @ApiProperty({ example: 'accountability' }) name: string;
  @ApiProperty({ description: 'The version this build runs', example: 2 }) version: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The version its tables hold', example: 2 }) storedVersion: number | null;
  @ApiProperty({ description: 'running, rebuilding, failed (see error and failedEventId), pending (not started yet), …', example: 'running' }) status: string;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) checkpoint: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) horizon: string | null;
  @ApiProperty({ example: 1040 }) eventsApplied: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Events of its types not applied yet', example: 0 }) lag: number | null;
  @ApiProperty({ type: String, nullable: true, example: null }) error: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null }) failedEventId: string | null;
  @ApiProperty({ type: () => RebuildProgressResponse, nullable: true, example: null }) rebuild: RebuildProgressResponse | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

export class ProjectionStatusesResponse {
  @ApiProperty({ type: [ProjectionStatusResponse] }) items: ProjectionStatusResponse[];
}

export class RebuildRequestedResponse {
  @ApiProperty({ example: 'accountability' }) name: string;
  @ApiProperty({ example: 'rebuilding' }) status: string;
}
