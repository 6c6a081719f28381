import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ProblemFilter } from './errors/problem.filter';
import { EventsModule } from './events/events.module';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor, IdempotentAnswers } from './http/idempotency';
import { GlobalRateLimitGuard, RateLimitGuard, RateLimiter } from './http/rate-limit';
import { Metrics, MetricsController } from './observability/metrics';
import { RedisModule } from './redis/redis.module';

/** Everything a module may rely on: config, database, Redis, events and jobs, auth, HTTP plumbing. */
@Global()
@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    RedisModule,
    EventsModule,
    AuthModule,
    TerminusModule.forRoot({ errorLogStyle: 'json' }),
  ],
  controllers: [HealthController, MetricsController],
  providers: [
    Metrics,
    RateLimiter,
    RateLimitGuard,
    IdempotencyInterceptor,
    IdempotentAnswers,
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: APP_GUARD, useClass: GlobalRateLimitGuard },
  ],
  exports: [ConfigModule, RedisModule, EventsModule, AuthModule, Metrics, RateLimiter, RateLimitGuard, IdempotencyInterceptor, IdempotentAnswers],
})
export class PlatformModule {}
