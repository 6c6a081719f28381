import { readEnv, ConfigError } from './env';
import { AuthConfig, PlatformConfig } from './platform.config';

describe('readEnv', () => {
  it('uses defaults and converts numbers and lists', () => {
    const config = readEnv(PlatformConfig, { PORT: '8080', CORS_ORIGINS: 'https://a.test, https://b.test' });
    expect(config.PORT).toBe(8080);
    expect(config.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(config.APP_ROLE).toBe('all');
  });

  it('reports every bad value, one line each', () => {
    try {
      readEnv(PlatformConfig, { PORT: 'eighty', APP_ROLE: 'both', DATABASE_URL: 'mysql://x' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join('\n')).toMatch(/PORT:.*\n?.*APP_ROLE:|APP_ROLE:/);
      expect(problems.some((p) => p.startsWith('DATABASE_URL: DATABASE_URL must be a postgres:// URL'))).toBe(true);
    }
  });

  it('has no default secrets in production', () => {
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => readEnv(AuthConfig, {})).toThrow(/JWT_SECRET is required in production/);
      expect(readEnv(AuthConfig, { JWT_SECRET: 'x'.repeat(40) }).JWT_SECRET).toBe('x'.repeat(40));
    } finally {
      process.env.NODE_ENV = saved;
    }
  });
});
