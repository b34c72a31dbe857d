import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_TITLES } from '../http/problem.js';
import { toProblem } from '../http/problem-details.filter.js';
import { errorPage } from './templates/pages.js';
import { WebRenderer } from './web-renderer.js';

/** The website's errors are pages in the reader's language, not problem+json documents. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly renderer: WebRenderer) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    // The API's one mapping of coded errors to statuses, so a page answers what the API would.
    const problem = toProblem(error);
    const status = problem.status;
    if (status >= 500) this.logger.error(`${req.method} ${req.originalUrl}: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent) {
      res.end();
      return;
    }
    const t = this.renderer.translator(req, res);
    const key = status === 404 ? 'notFound' : status === 400 ? 'badRequest' : status === 503 ? 'unavailable' : 'failed';
    // A 400 names the fields that were wrong; nothing says anything of the internals.
    const fields = ((problem.extensions.errors as Array<{ field: string }> | undefined) ?? []).map((e) => e.field);
    const detail = t.t(`error.${key}.detail`, { fields: fields.join(', ') || '—' });
    this.renderer.send(res, t, errorPage(this.renderer.chrome(req, t), status, t.t(`error.${key}.title`, { title: STATUS_TITLES[status] ?? '' }), detail), status);
  }
}
