import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.js';
import { ApiOk } from '../http/openapi.js';
import { ProblemException } from '../http/problem.js';
import { Roles } from '../security/auth.guard.js';
import { ProjectionRunner } from './projection-runner.service.js';
import { ProjectionStatusesResponse, RebuildRequestedResponse } from './projections-admin.dto.js';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly runner: ProjectionRunner) {}

  @Get()
  @Roles('poc', 'auditor')
  @ApiOperation({ summary: 'Each projection: version, checkpoint, lag in events, status (and the failing event, if any)' })
  @ApiOk(ProjectionStatusesResponse)
  @ApiProblems(401, 403)
  async list() {
    return { items: await this.runner.statuses() };
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles('poc')
  @ApiOperation({ summary: 'Rebuild a projection from the first event into new tables; the current ones answer until the swap' })
  @ApiOk(RebuildRequestedResponse, { status: 202, description: 'Accepted: the rebuild runs in the background' })
  @ApiProblems(401, 403, 404)
  rebuild(@Param('name') name: string) {
    if (!this.runner.definition(name)) {
      throw new ProblemException(404, 'PROJECTION.NOT_FOUND', 'Not Found', `no projection named ${name}`);
    }
    this.runner.requestRebuild(name);
    return { name, status: 'rebuilding' };
  }
}
