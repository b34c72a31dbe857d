import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import { createLogger, requestLogging } from './http/logging.js';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module.js';
import { completeOpenApiDocument } from './http/openapi.js';
import { sendProblem } from './http/problem-details.filter.js';
import { runInRequestContext } from './http/request-context.js';
import { inspectRequest, ownBodyRoutes, requireJsonBody } from './http/request-guard.js';
import { createValidationPipe } from './http/validation.js';
import type { Runtime } from './runtime.js';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Consultation Record')
    .setDescription(
      'Event-sourced record of how a government co-creates its OGP action plan with civil society. ' +
        'Commands are POSTs answering { id, revision, position }; queries are GETs over projections and accept consistentWith=<position>. ' +
        'Errors are RFC 9457 application/problem+json. Answers about the past: asOf (the recording clock: a log position or the time ' +
        'things were recorded) and asOfOccurred (the world\'s clock: when they happened), alone or together. ' +
        '"addressed" means: the contribution (or the one it duplicates) has a reasoned response that the POC has not sent back for ' +
        'revision — a response the POC has not reviewed yet counts as addressed.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return completeOpenApiDocument(SwaggerModule.createDocument(app, config));
}

/** Builds the Nest application on a resolved runtime: used by main.ts, the tests and the CLI. */
export async function createApp(runtime: Runtime, options: { logger?: LogLevel[] | false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(runtime), {
    bodyParser: false,
    logger: options.logger ?? createLogger(runtime.config),
  });
  app.set('x-powered-by', false);
  // ETag is the aggregate's revision, set by the reads that have one (RevisionETag), never a body hash.
  app.set('etag', false);
  app.set('query parser', 'extended');
  app.use((req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    runInRequestContext({ requestId }, next);
  });
  app.use(requestLogging(runtime.config));
  let ownBodies: ReturnType<typeof ownBodyRoutes> = [];
  app.use(requireJsonBody(() => ownBodies));
  app.useBodyParser('json', { limit: runtime.config.BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  app.use(inspectRequest);
  app.useGlobalPipes(createValidationPipe());

  const document = openApiDocument(app);
  ownBodies = ownBodyRoutes(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'v1/openapi.json' });

  await app.init();
  // Errors raised before a route (an oversized or malformed body) still answer problem+json.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(error, req, res);
  });
  return app;
}

export const bootstrapLogger = new Logger('Bootstrap');
