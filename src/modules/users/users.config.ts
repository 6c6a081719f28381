import { IsEmail, IsInt, IsString, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

/** The end-to-end suite signs in hundreds of times from 127.0.0.1: the per-IP auth limit is high there. */
const perIpDefault = (): number => (process.env.NODE_ENV === 'test' ? 10_000 : 30);

const adminGiven = (c: UsersConfig): boolean => c.ADMIN_EMAIL !== undefined || c.ADMIN_PASSWORD !== undefined;

/** Accounts: the first admin, password hashing cost, and the limits on the sign-in routes. */
export class UsersConfig {
  /** The first admin, created at start-up when absent and never overwritten afterwards. */
  @ValidateIf(adminGiven)
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address (set it together with ADMIN_PASSWORD)' })
  ADMIN_EMAIL?: string = undefined;

  @ValidateIf(adminGiven)
  @IsString({ message: 'ADMIN_PASSWORD is required when ADMIN_EMAIL is set' })
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  @MaxLength(128)
  ADMIN_PASSWORD?: string = undefined;

  /** argon2id memory in KiB; OWASP's minimum is 19456 (19 MiB). */
  @IsInt() @Min(19_456)
  ARGON2_MEMORY_KIB = 19_456;

  /** argon2id iterations; OWASP's minimum with 19 MiB is 2. */
  @IsInt() @Min(2)
  ARGON2_TIME_COST = 2;

  /** Attempts per minute per client IP on login, register, password forgot and reset (0 = off). */
  @IsInt() @Min(0)
  AUTH_RATE_LIMIT_PER_IP_PER_MINUTE = perIpDefault();

  /** Attempts per minute per e-mail address on login, register and password forgot (0 = off). */
  @IsInt() @Min(0)
  AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE = 10;

  /** Lifetime of a password reset link. */
  @IsInt() @Min(300)
  PASSWORD_RESET_TTL_SECONDS = 3600;

  /** Lifetime of an e-mail verification link. */
  @IsInt() @Min(3600)
  EMAIL_VERIFICATION_TTL_SECONDS = 24 * 3600;
}
