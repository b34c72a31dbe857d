import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { ProblemException } from './problem.js';
import { currentRequest } from './request-context.js';
import type { AuthenticatedRequest } from '../security/auth.guard.js';
import { DATABASE_POOL } from '../database/tokens.js';
import { stableStringify } from '../shared/stable-stringify.js';

const LEASE_SECONDS = 30;
const KEY = /^[\x21-\x7e]{1,255}$/;

interface StoredRow {
  request_hash: string;
  status: number | null;
  response: unknown;
  lease_live: boolean;
}

/**
 * `Idempotency-Key` on POSTs. The same key and body answer what the first request answered and
 * append nothing; the same key with another body is a 409. While a request runs it holds a lease;
 * a request that died mid-way leaves its lease to expire, and the retry runs again with the same
 * derived ids, which the event store recognises, so nothing is applied twice.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(DATABASE_POOL) private readonly pool: pg.Pool) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers['idempotency-key'];
    if (req.method !== 'POST' || header === undefined) return next.handle();
    return from(this.run(context, req, Array.isArray(header) ? header[0] : header, next));
  }

  private async run(context: ExecutionContext, req: AuthenticatedRequest, key: string, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) {
      throw new ProblemException(400, 'IDEMPOTENCY.INVALID_KEY', 'Bad Request', 'Idempotency-Key must be 1–255 visible ASCII characters', {
        errors: [{ field: 'Idempotency-Key', reason: 'must be 1–255 visible ASCII characters' }],
      });
    }
    const actorId = req.actor?.id ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.baseUrl}${req.path}\n${stableStringify(req.body ?? null)}`)
      .digest('hex');
    const res = context.switchToHttp().getResponse<{ status(code: number): void; setHeader(name: string, value: string): void }>();

    const claimed = await this.pool.query(
      `INSERT INTO idempotency_keys (actor_id, key, request_hash, locked_until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) ON CONFLICT DO NOTHING`,
      [actorId, key, requestHash, LEASE_SECONDS],
    );
    if (claimed.rowCount === 0) {
      const { rows } = await this.pool.query<StoredRow>(
        `SELECT request_hash, status, response, locked_until > now() AS lease_live
         FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
        [actorId, key],
      );
      const row = rows[0];
      if (row && row.request_hash !== requestHash) {
        throw new ProblemException(409, 'IDEMPOTENCY.KEY_REUSED', 'Conflict', 'this Idempotency-Key was already used with another request');
      }
      if (row && row.status !== null) {
        res.status(row.status);
        res.setHeader('Idempotent-Replayed', 'true');
        return row.response;
      }
      if (row && row.lease_live) {
        throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'Conflict', 'a request with this Idempotency-Key is still being processed; retry shortly');
      }
      // The first attempt died (or its row vanished): take the lease over, unless someone just did.
      const takeover = await this.pool.query(
        `INSERT INTO idempotency_keys (actor_id, key, request_hash, locked_until)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (actor_id, key) DO UPDATE SET locked_until = EXCLUDED.locked_until
         WHERE idempotency_keys.status IS NULL AND idempotency_keys.locked_until <= now()`,
        [actorId, key, requestHash, LEASE_SECONDS],
      );
      if (takeover.rowCount === 0) {
        throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'Conflict', 'a request with this Idempotency-Key is still being processed; retry shortly');
      }
    }

    const ctx = currentRequest();
    if (ctx) ctx.idempotencySeed = createHash('sha256').update(`${actorId}\n${key}`).digest('hex');
    try {
      const response = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined) ?? 201;
      await this.pool.query(
        `UPDATE idempotency_keys SET status = $3, response = $4, completed_at = now(), locked_until = NULL
         WHERE actor_id = $1 AND key = $2`,
        [actorId, key, status, JSON.stringify(response ?? null)],
      );
      return response;
    } catch (error) {
      // A rejected request appended nothing: forget the key, so a corrected retry may use it.
      await this.pool.query('DELETE FROM idempotency_keys WHERE actor_id = $1 AND key = $2 AND status IS NULL', [actorId, key]);
      throw error;
    }
  }
}
