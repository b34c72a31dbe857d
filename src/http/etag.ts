import { Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';

/**
 * A single-aggregate read sends `ETag: "<revision>"`, the revision of the aggregate's stream that
 * the answer reflects: what a command's If-Match is compared with (optimistic concurrency). It is
 * not a cache validator — a view may change through other streams (a duplicate follows its
 * canonical) while its own revision stays — so conditional GETs are not answered with 304.
 */
@Injectable()
export class RevisionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body: unknown) => {
        const revision = (body as { revision?: unknown } | null)?.revision;
        if (typeof revision === 'number') context.switchToHttp().getResponse<Response>().setHeader('ETag', `"${revision}"`);
      }),
    );
  }
}

export const RevisionETag = () => UseInterceptors(RevisionETagInterceptor);
