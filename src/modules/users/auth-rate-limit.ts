import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../../common/http/api-problems.decorator';
import { RateLimiter } from '../../common/http/rate-limit';
import { hashToken } from './tokens';
import { UsersConfig } from './users.config';

const AUTH_LIMIT_KEY = 'emporium:users:auth-limit';
const WINDOW_SECONDS = 60;

interface AuthLimit {
  /** Names the counters, e.g. `login`. */
  name: string;
  /** Also count per value of the body's `email` (brute force on one account from many IPs). */
  perEmail: boolean;
}

/**
 * The platform's `@RateLimit` fixes its limit when the code loads; sign-in limits come from
 * `UsersConfig` (AUTH_RATE_LIMIT_PER_IP_PER_MINUTE, AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE), on the
 * same Redis counters. 429 with Retry-After once either is exceeded.
 */
export const AuthRateLimit = (name: string, { perEmail }: { perEmail: boolean }) =>
  applyDecorators(
    SetMetadata(AUTH_LIMIT_KEY, { name, perEmail } satisfies AuthLimit),
    UseGuards(AuthRateLimitGuard),
    ApiProblems(429),
  );

@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: UsersConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<AuthLimit | undefined>(AUTH_LIMIT_KEY, context.getHandler());
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const perIp = this.config.AUTH_RATE_LIMIT_PER_IP_PER_MINUTE;
    if (perIp > 0) await this.limiter.hit(`auth:${rule.name}:ip:${request.ip}`, perIp, WINDOW_SECONDS);
    const perEmail = this.config.AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE;
    const email = (request.body as { email?: unknown } | undefined)?.email;
    if (rule.perEmail && perEmail > 0 && typeof email === 'string') {
      // Hashed, so Redis never holds the address itself.
      const account = hashToken(email.trim().toLowerCase());
      await this.limiter.hit(`auth:${rule.name}:email:${account}`, perEmail, WINDOW_SECONDS);
    }
    return true;
  }
}
