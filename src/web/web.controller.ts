import { Controller, Get, Param, Req, Res, StreamableFile, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import { ExportReasonedResponseQuery, reasonedResponseCsv } from '../../projections/reasoned-response/reasoned-response.queries.js';
import { Public } from '../security/auth.guard.js';
import { CommitmentPageQuery } from './queries/commitment.query.js';
import { ConsultationPageQuery } from './queries/consultation.query.js';
import { ContributionPageQuery } from './queries/contribution.query.js';
import { CyclePageQuery } from './queries/cycle.query.js';
import { HomePageQuery } from './queries/home.query.js';
import { MatrixPageQuery } from './queries/reasoned-response.query.js';
import { StakeholderPageQuery } from './queries/stakeholder.query.js';
import { SITE_CSS } from './site.css.js';
import { commitmentPage, consultationPage, contributionPage, cyclePage, homePage, matrixPage, stakeholderPage } from './templates/pages.js';
import { commitmentVM, consultationVM, contributionVM, cycleVM, homeVM, matrixVM, stakeholderVM } from './view-models/pages.js';
import { pageParams } from './web-params.js';
import { WebErrorFilter } from './web-error.filter.js';
import { WebRenderer } from './web-renderer.js';

/**
 * The public website: server-rendered pages over the read models, for anyone, as an anonymous API
 * caller sees the record (published data only, no personal data). Thin: parameters → query →
 * view model → template.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class WebController {
  constructor(
    private readonly queries: QueryBus,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('assets/site.css')
  css(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/css; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.send(SITE_CSS);
  }

  @Get()
  async home(@Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const found = await this.queries.execute(new HomePageQuery(p.asOf));
    this.renderer.page(req, res, found, (chrome, t) => homePage(chrome, homeVM(t, found.data, found.stamp)));
  }

  @Get('cycles/:id')
  async cycle(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const found = await this.queries.execute(new CyclePageQuery(id, p.asOf));
    this.renderer.page(req, res, found, (chrome, t) => cyclePage(chrome, cycleVM(t, found.data, found.stamp)));
  }

  @Get('cycles/:id/reasoned-response')
  async matrix(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const filter = { decision: p.decision, policyAreaId: p.policyAreaId, consultationId: p.consultationId, q: p.q, limit: p.limit };
    const found = await this.queries.execute(new MatrixPageQuery(id, filter, p.cursor, p.asOf, p.limit));
    this.renderer.page(req, res, found, (chrome, t) => matrixPage(chrome, matrixVM(t, found.data, found.stamp, filter, p.cursor !== undefined)));
  }

  /** The whole published matrix as CSV: the open-data export the API gives, as a download. */
  @Get('cycles/:id/reasoned-response.csv')
  async matrixCsv(@Param('id') id: string, @Req() req: Request): Promise<StreamableFile> {
    const p = pageParams(req);
    const items = await this.queries.execute(new ExportReasonedResponseQuery(id, undefined, { asOf: p.asOf }));
    return new StreamableFile(Readable.from(reasonedResponseCsv(items, true)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="reasoned-response-${id}.csv"`,
    });
  }

  @Get('consultations/:id')
  async consultation(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const filter = { decision: p.decision, status: p.status, limit: p.limit };
    const found = await this.queries.execute(new ConsultationPageQuery(id, filter, p.cursor, p.asOf, p.limit));
    this.renderer.page(req, res, found, (chrome, t) => consultationPage(chrome, consultationVM(t, found.data, found.stamp, filter, p.cursor !== undefined)));
  }

  @Get('contributions/:id')
  async contribution(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const found = await this.queries.execute(new ContributionPageQuery(id, p.asOf));
    this.renderer.page(req, res, found, (chrome, t) => contributionPage(chrome, contributionVM(t, found.data, found.stamp)));
  }

  @Get('commitments/:id')
  async commitment(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const found = await this.queries.execute(new CommitmentPageQuery(id, p.asOf));
    this.renderer.page(req, res, found, (chrome, t) => commitmentPage(chrome, commitmentVM(t, found.data, found.stamp)));
  }

  @Get('stakeholders/:id')
  async stakeholder(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const p = pageParams(req);
    const found = await this.queries.execute(new StakeholderPageQuery(id, p.cursor, p.asOf, p.limit));
    this.renderer.page(req, res, found, (chrome, t) => stakeholderPage(chrome, stakeholderVM(t, found.data, found.stamp, p.cursor !== undefined)));
  }
}
