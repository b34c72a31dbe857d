import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OptionCountResponse {
  @ApiProperty({ example: 'yes' }) option: string;
  @ApiProperty({ example: 14 }) count: number;
}

export class QuestionResultResponse {
  @ApiProperty({ example: 'q2' }) id: string;
  @ApiProperty({ example: 'Is corruption a priority?' }) text: string;
  @ApiProperty({ enum: ['choice', 'text'] }) type: 'choice' | 'text';
  @ApiProperty({ description: 'How many responses answered it', example: 17 }) answers: number;
  @ApiPropertyOptional({ type: [OptionCountResponse], description: 'Choice questions only: each option, in order, zeros included' }) options?: OptionCountResponse[];
}

export class SurveyResultsResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'uuid' }) cycleId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) policyAreaId: string | null;
  @ApiProperty({ example: 'Pre-consultation survey: Anti-Corruption' }) title: string;
  @ApiProperty({ description: 'Every response, late ones included', example: 17 }) responses: number;
  @ApiProperty({ example: 0 }) lateResponses: number;
  @ApiProperty({ type: [QuestionResultResponse], description: 'In the order the survey defines them' }) questions: QuestionResultResponse[];
}
