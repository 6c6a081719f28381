import { ConfigError, readEnv } from '../../common/config/env';
import { UsersConfig } from './users.config';

describe('UsersConfig', () => {
  it('needs no first admin', () => {
    const config = readEnv(UsersConfig, {});
    expect(config.ADMIN_EMAIL).toBeUndefined();
    expect(config.ADMIN_PASSWORD).toBeUndefined();
  });

  it('takes the first admin from ADMIN_EMAIL and ADMIN_PASSWORD', () => {
    const config = readEnv(UsersConfig, { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'long enough secret' });
    expect(config).toMatchObject({ ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'long enough secret' });
  });

  it('refuses ADMIN_EMAIL without ADMIN_PASSWORD, naming the variable', () => {
    expect(() => readEnv(UsersConfig, { ADMIN_EMAIL: 'boss@example.com' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('refuses a short admin password and a malformed admin e-mail', () => {
    const error = (() => {
      try {
        readEnv(UsersConfig, { ADMIN_EMAIL: 'boss', ADMIN_PASSWORD: 'short' });
      } catch (err) {
        return err as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.join('\n')).toMatch(/ADMIN_EMAIL[\s\S]*ADMIN_PASSWORD|ADMIN_PASSWORD[\s\S]*ADMIN_EMAIL/);
  });

  it('refuses argon2 settings below the OWASP minimums', () => {
    expect(() => readEnv(UsersConfig, { ARGON2_MEMORY_KIB: '4096' })).toThrow(/ARGON2_MEMORY_KIB/);
    expect(() => readEnv(UsersConfig, { ARGON2_TIME_COST: '1' })).toThrow(/ARGON2_TIME_COST/);
  });

  it('limits sign-in attempts per e-mail to 10 a minute by default, configurable, 0 turning it off', () => {
    expect(readEnv(UsersConfig, {}).AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE).toBe(10);
    expect(readEnv(UsersConfig, { AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '0' }).AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE).toBe(0);
    expect(readEnv(UsersConfig, { AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '5' }).AUTH_RATE_LIMIT_PER_IP_PER_MINUTE).toBe(5);
  });

  it('keeps the per-IP default strict outside tests', () => {
    const nodeEnv = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      expect(readEnv(UsersConfig, {}).AUTH_RATE_LIMIT_PER_IP_PER_MINUTE).toBe(30);
      process.env.NODE_ENV = 'test';
      expect(readEnv(UsersConfig, {}).AUTH_RATE_LIMIT_PER_IP_PER_MINUTE).toBe(10_000);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
});
