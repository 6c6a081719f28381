import { applyDecorators, CanActivate, ExecutionContext, Injectable, Logger, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { PlatformConfig } from '../config/platform.config';
import { RateLimitUnavailableError, TooManyRequestsError } from '../errors/domain-error';
import { InjectRedis } from '../redis/redis.module';
import { ApiProblems } from './api-problems.decorator';

export interface RateLimitRule {
  /** Names the counter, e.g. `login`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /** Count per client IP, and per value of this body field (lower-cased), e.g. `email`. */
  perBodyField?: string;
}

const RULES_KEY = 'emporium:rate-limits';
const SKIP_GLOBAL_KEY = 'emporium:skip-global-rate-limit';

// INCR and EXPIRE in one round trip; the TTL tells the client when to retry.
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return { n, redis.call('TTL', KEYS[1]) }`;

/** Fixed-window counters in Redis, so a limit holds across every instance. */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: PlatformConfig,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<void> {
    const redisKey = `${this.config.REDIS_PREFIX}:ratelimit:${key}`;
    let count: number, ttl: number;
    try {
      [count, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, redisKey, windowSeconds)) as [number, number];
    } catch {
      throw new RateLimitUnavailableError();
    }
    if (count > limit) throw new TooManyRequestsError(Math.max(ttl, 1));
  }
}

/**
 * Applies named limits to a route, per IP and optionally per account. They fail closed (503) when
 * Redis is down: these routes guard credentials, and an unlimited login is an open door.
 */
export const RateLimit = (...rules: RateLimitRule[]) =>
  applyDecorators(SetMetadata(RULES_KEY, rules), UseGuards(RateLimitGuard), ApiProblems(429, 503));

/** Keeps a controller out of the instance-wide limit: probes and scrapers must never be refused. */
export const SkipGlobalRateLimit = () => SetMetadata(SKIP_GLOBAL_KEY, true);

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.get<RateLimitRule[] | undefined>(RULES_KEY, context.getHandler()) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    for (const rule of rules) {
      await this.limiter.hit(`${rule.name}:ip:${request.ip}`, rule.limit, rule.windowSeconds);
      const value = rule.perBodyField && (request.body as Record<string, unknown> | undefined)?.[rule.perBodyField];
      if (typeof value === 'string') {
        await this.limiter.hit(`${rule.name}:${rule.perBodyField}:${value.toLowerCase()}`, rule.limit, rule.windowSeconds);
      }
    }
    return true;
  }
}

/**
 * The instance-wide safety net: `RATE_LIMIT_PER_MINUTE` requests per IP (0 = off). It fails open
 * when Redis is down, so that a Redis outage does not turn into an outage of the whole API.
 */
@Injectable()
export class GlobalRateLimitGuard implements CanActivate {
  private readonly logger = new Logger(GlobalRateLimitGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: PlatformConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.RATE_LIMIT_PER_MINUTE;
    if (limit === 0 || this.reflector.getAllAndOverride<boolean>(SKIP_GLOBAL_KEY, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      await this.limiter.hit(`global:${request.ip}`, limit, 60);
    } catch (err) {
      if (!(err instanceof RateLimitUnavailableError)) throw err;
      this.logger.warn('global rate limit skipped: Redis is unreachable');
    }
    return true;
  }
}
