import { ApiProperty } from '@nestjs/swagger';

/** Response DTOs of the log-integrity endpoints (src/audit/integrity), for the OpenAPI document. */
export class DigestResponse {
  @ApiProperty({ type: String, nullable: true, description: 'Position of the last event covered; null for an empty log', example: '1234:5678' }) position: string | null;
  @ApiProperty({ example: 48_213 }) eventCount: number;
  @ApiProperty({ description: 'Lowercase hex', example: '9f2c4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b' }) sha256: string;
  @ApiProperty({ example: 'sha256-chain-over-log-order/v1' }) algorithm: string;
  @ApiProperty({ example: 1024 }) checkpointInterval: number;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
}

class MismatchResponse {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) eventId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'contribution-6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }) streamId: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2 }) revision: number | null;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) position: string | null;
  @ApiProperty({ example: 'the stored chain hash does not match the event' }) reason: string;
  @ApiProperty({ enum: ['hash_chain', 'checkpoints', 'none'] }) locatedBy: string;
}

class BrokenStreamResponse {
  @ApiProperty({ example: 'contribution-6c1f0a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b' }) streamId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) eventId: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 2 }) revision: number | null;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) position: string | null;
  @ApiProperty({ example: 'the stored chain hash does not match the event' }) reason: string;
}

class RecordedDigestResponse {
  @ApiProperty({ example: '1234:5678' }) position: string;
  @ApiProperty({ example: 48_213 }) eventCount: number;
  @ApiProperty({ example: '9f2c4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b' }) sha256: string;
  @ApiProperty({ format: 'date-time' }) issuedAt: string;
  @ApiProperty({ example: 47 }) checkpoints: number;
}

export class VerifyResponse {
  @ApiProperty({ description: 'The log up to position still gives exactly sha256' }) valid: boolean;
  @ApiProperty({ example: 48_213 }) checkedEvents: number;
  @ApiProperty({ type: () => MismatchResponse, nullable: true, example: null }) firstMismatch: MismatchResponse | null;
  @ApiProperty({ type: [BrokenStreamResponse], description: 'At most 1,000, in log order' }) brokenStreams: BrokenStreamResponse[];
  @ApiProperty() chainsIntact: boolean;
  @ApiProperty({ type: String, nullable: true, example: '1234:5678' }) position: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9f2c4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b' }) sha256: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9f2c4e1a7b3d5f60812a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e4b6d8f0a2c4e6b' }) actualSha256: string | null;
  @ApiProperty({ example: 1_712 }) checkedStreams: number;
  @ApiProperty({ type: () => RecordedDigestResponse, nullable: true, example: null }) recordedDigest: RecordedDigestResponse | null;
}

export const AUDIT_EVENTS_EXAMPLE =
  `${JSON.stringify({ position: '1234:5678', eventId: '3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05', streamId: 'cycle-8d2e1b3c-4a5f-4b6c-9d7e-1f2a3b4c5d6e', revision: 0, type: 'CycleOpened', schemaVersion: 1, data: '{"cycleId":"8d2e1b3c-4a5f-4b6c-9d7e-1f2a3b4c5d6e"}', metadata: '{"occurredAt":"2020-09-01T08:00:00Z"}', recordedAt: '2026-11-24T10:00:00.000Z', chainHash: '5e0c…' })}\n`;
