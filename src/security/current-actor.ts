import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../shared/actor.js';
import type { AuthenticatedRequest } from './auth.guard.js';

/** The caller, or undefined on a public route called anonymously. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});
