import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Actor } from '../shared/actor.js';
import { ProblemException } from '../http/problem.js';
import { currentRequest } from '../http/request-context.js';
import { InvalidToken, verifyToken, type UserRole } from './tokens.js';

const ROLES_KEY = 'cr:roles';
const PUBLIC_KEY = 'cr:public';

/** Only these roles may call the route (others: 403). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
/** The route answers anonymous callers too (it decides what they may see). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export class AuthSecret {
  constructor(readonly value: string) {}
}

export type AuthenticatedRequest = Request & { actor?: Actor };

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly secret: AuthSecret,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<UserRole[]>(ROLES_KEY, targets);

    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', 'the Authorization header must be "Bearer <token>"');
      try {
        req.actor = await verifyToken(this.secret.value, match[1]);
      } catch (error) {
        if (error instanceof InvalidToken) throw new ProblemException(401, 'AUTH.INVALID_TOKEN', 'Unauthorized', error.message);
        throw error;
      }
      const ctx = currentRequest();
      if (ctx) ctx.actor = req.actor;
    }
    if (!req.actor) {
      if (isPublic) return true;
      throw new ProblemException(401, 'AUTH.REQUIRED', 'Unauthorized', 'this endpoint needs a bearer token');
    }
    if (roles && !roles.includes(req.actor.role as UserRole)) {
      throw new ProblemException(403, 'AUTH.ROLE_NOT_ALLOWED', 'Forbidden', `allowed roles: ${roles.join(', ')}; yours: ${req.actor.role}`);
    }
    return true;
  }
}
