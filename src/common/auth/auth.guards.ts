import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ForbiddenError, UnauthorizedError } from '../errors/domain-error';
import type { Principal, Role } from './auth.types';
import { ROLES_KEY } from './auth.types';
import { bearerToken, VerifiedTokens } from './verified-tokens';

type AuthRequest = Parameters<typeof bearerToken>[0] & { user?: Principal };

/** A token this process has verified and that has not expired authenticates without passport. */
function knownCaller(context: ExecutionContext, verified: VerifiedTokens): boolean {
  const request = context.switchToHttp().getRequest<AuthRequest>();
  const principal = verified.principalOf(bearerToken(request));
  if (principal) request.user = principal;
  return principal !== undefined;
}

/** Requires a valid bearer access token. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly verified: VerifiedTokens) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    return knownCaller(context, this.verified) || ((await super.canActivate(context)) as boolean);
  }

  override handleRequest<T = Principal>(err: unknown, user: T | false): T {
    if (err || !user) throw new UnauthorizedError('A valid access token is required');
    return user;
  }
}

/** Accepts a valid token when one is sent and lets anonymous callers through. */
@Injectable()
export class OptionalJwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly verified: VerifiedTokens) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthRequest>();
    if (!request.headers.authorization) return true;
    return knownCaller(context, this.verified) || ((await super.canActivate(context)) as boolean);
  }

  override handleRequest<T = Principal>(err: unknown, user: T | false): T {
    if (err || !user) throw new UnauthorizedError('The access token is not valid');
    return user;
  }
}

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: Principal }>().user;
    if (!user || !roles.includes(user.role)) throw new ForbiddenError('This route is for staff only');
    return true;
  }
}
