import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { isProduction } from './env';

const devOnly = <T>(value: T): T | undefined => (isProduction() ? undefined : value);
const toBool = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';
const toList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value : String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export type AppRole = 'api' | 'worker' | 'all';

/** Process, HTTP and infrastructure settings shared by the whole platform. */
export class PlatformConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';

  @IsIn(['api', 'worker', 'all'])
  APP_ROLE: AppRole = 'all';

  @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/emporium';

  @Transform(toList)
  @Matches(/^postgres(ql)?:\/\//, { each: true, message: 'DATABASE_READ_URLS must be postgres:// URLs' })
  DATABASE_READ_URLS: string[] = [];

  @IsInt() @Min(1) @Max(500)
  DATABASE_POOL_SIZE = 20;

  /** How long a SIGTERM may take to drain requests and jobs before the process exits 1 anyway. */
  @IsInt() @Min(100)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefixes every Redis key of the app (BullMQ queues, caches, rate limits). */
  @IsString() @Matches(/^[a-zA-Z0-9_-]+$/)
  REDIS_PREFIX = 'emporium';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Requests per minute per client IP across all instances; 0 turns the global limit off. */
  @IsInt() @Min(0)
  RATE_LIMIT_PER_MINUTE = 1200;

  @Transform(toBool) @IsBoolean()
  TRUST_PROXY = false;

  @IsInt() @Min(50)
  OUTBOX_POLL_MS = 1000;

  /**
   * How long relayed outbox rows, inbox rows and finished jobs (failed ones, for staff to retry)
   * are kept. Envelopes, in the outbox and in the jobs' data, hold personal data and the raw link
   * tokens a mailer needs, so they must not outlive their delivery by much.
   */
  @IsInt() @Min(1) @Max(24 * 90)
  EVENT_RETENTION_HOURS = 24;

  @IsInt() @Min(1) @Max(50)
  JOB_ATTEMPTS = 8;

  @IsInt() @Min(10)
  JOB_BACKOFF_MS = 1000;

  @IsOptional() @IsInt() @Min(1)
  WORKER_CONCURRENCY = 10;
}

/** Token signing and the first admin account. */
export class AuthConfig {
  @IsString({ message: 'JWT_SECRET is required in production (there are no default secrets)' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = devOnly('dev-only-secret-change-me-0123456789abcdef');

  @IsString()
  JWT_ISSUER = 'emporium';

  @IsString()
  JWT_AUDIENCE = 'emporium-api';

  @IsInt() @Min(60)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsInt() @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
}
