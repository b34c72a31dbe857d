import { NDJSON_TYPES } from '../../http/request-guard.js';
import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../../http/api-problems.js';
import { ProblemException } from '../../http/problem.js';
import { ApiOk } from '../../http/openapi.js';
import { Roles, type AuthenticatedRequest } from '../../security/auth.guard.js';
import { ContributionImporter } from './contribution-importer.js';
import { ImportContributionLine, ImportSummary } from './import.dto.js';


const EXAMPLE = [
  '{"channel":"online_comment","body":"Publish every procurement contract in full."}',
  '{"channel":"email","stakeholderId":"3f2c7a9e-5b1d-4c8e-9a7f-2d6b8e4c1a05","body":"Open the budget data as CSV.","receivedAt":"2020-10-06T10:00:00Z"}',
  '{"id":"8d0b6a52-6f7e-4a55-9d1e-0c3b2a1f4e6d","channel":"online_comment","body":"Publish every procurement contract in full."}',
].join('\n');

@ApiTags('contributions')
@ApiBearerAuth()
@ApiExtraModels(ImportContributionLine)
@Controller('v1/consultations')
export class ContributionImportController {
  constructor(private readonly importer: ContributionImporter) {}

  @Post(':id/contributions\\:import')
  @HttpCode(200)
  @Roles('lfp', 'poc')
  @ApiOperation({
    summary: 'Bulk intake: many contributions, one JSON object a line (NDJSON), each checked as POST /v1/contributions checks its body',
    description:
      'Each line is the body of POST /v1/contributions (consultationId may be left out) plus an optional `id`. Good lines are appended, ' +
      'bad ones listed with their line number, field and reason; nothing of a bad line is kept. A line without `id` gets one derived from ' +
      'the consultation and its content, so sending the same file again appends nothing (`alreadyRecorded`), and a line repeating an ' +
      'earlier one counts once (`duplicatesOfEarlierLines`). A last line without its newline that is not a whole JSON object (a file cut ' +
      'mid-line) is rejected; the lines before it are kept. Answers 200 with the summary whatever the lines held. No Idempotency-Key: ' +
      'the line ids already make a retry safe.',
  })
  @ApiBody({
    required: true,
    description: `One JSON object a line, each as ${'`ImportContributionLine`'}`,
    schema: { type: 'string', description: `lines of ${getSchemaPath(ImportContributionLine)}`, example: EXAMPLE },
  })
  @ApiConsumes(...NDJSON_TYPES)
  @ApiOk(ImportSummary, { description: 'What was appended, what was refused and why' })
  @ApiProblems(400, 401, 403, 404, 415)
  async import(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<ImportSummary> {
    if (!NDJSON_TYPES.some((t) => req.is(t))) {
      throw new ProblemException(415, 'IMPORT.UNSUPPORTED_MEDIA_TYPE', 'Unsupported Media Type', `send the lines as ${NDJSON_TYPES[0]}`);
    }
    if (req.headers['idempotency-key'] !== undefined) {
      throw new ProblemException(400, 'IMPORT.IDEMPOTENCY_KEY', 'Bad Request', 'an import takes no Idempotency-Key: its line ids make sending it again safe', {
        errors: [{ field: 'Idempotency-Key', reason: 'not taken by an import' }],
      });
    }
    return this.importer.import(id, req.actor!, req);
  }
}
