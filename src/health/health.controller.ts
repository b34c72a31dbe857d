import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiOk } from '../http/openapi.js';
import { HealthResponse } from './health.dto.js';
import type { Response } from 'express';
import type pg from 'pg';
import { DATABASE_POOL } from '../database/tokens.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { Public } from '../security/auth.guard.js';

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and readiness: the database and the event store head position (503 when unreachable)' })
  @ApiOk(HealthResponse)
  @ApiResponse({
    status: 503,
    description: 'The database or the event store is unreachable: the same document, for monitors that read the status code',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/HealthResponse' } } },
  })
  async health(@Res({ passthrough: true }) res: Response) {
    const started = Date.now();
    try {
      await withTimeout(this.pool.query('SELECT 1'), 'the database');
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5');
      return { status: 'unavailable', database: { status: 'down', error: (error as Error).message } };
    }
    const latencyMs = Date.now() - started;
    try {
      const head = await withTimeout(this.store.head(), 'the event store');
      return { status: 'ok', database: { status: 'up', latencyMs }, eventStore: { status: 'up', head } };
    } catch (error) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5');
      return { status: 'unavailable', database: { status: 'up', latencyMs }, eventStore: { status: 'down', error: (error as Error).message } };
    }
  }
}
