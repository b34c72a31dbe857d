import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ example: 2 }) latencyMs?: number;
  @ApiPropertyOptional({ example: 'the database did not answer within 2000 ms' }) error?: string;
}

class EventStoreHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The log position of its last event', example: '1234:5678' }) head?: string | null;
  @ApiPropertyOptional({ example: 'the event store did not answer within 2000 ms' }) error?: string;
}

/** What /health answers, 200 or 503 alike (monitors read the status code; people the fields). */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable'] }) status: string;
  @ApiProperty({ type: () => DatabaseHealth }) database: DatabaseHealth;
  @ApiPropertyOptional({ type: () => EventStoreHealth }) eventStore?: EventStoreHealth;
}
