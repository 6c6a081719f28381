import { IsIn, Matches } from 'class-validator';
import { checkEnv, readEnv, ConfigError } from './env';
import { AuthConfig, PlatformConfig } from './platform.config';

class ShopConfig {
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code' })
  STORE_CURRENCY = 'EUR';

  @IsIn(['half-up', 'half-even'])
  TAX_ROUNDING = 'half-up';
}

class ReportsConfig {
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO-4217 code' })
  STORE_CURRENCY = 'EUR';
}

const problemsOf = (run: () => void): string[] => {
  try {
    run();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
};

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

describe('checkEnv', () => {
  it('reports the bad values of every class at once, one line each', () => {
    const problems = problemsOf(() =>
      checkEnv([PlatformConfig, ShopConfig], { PORT: 'eighty', TAX_ROUNDING: 'up' }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^PORT: /);
    expect(problems[1]).toMatch(/^TAX_ROUNDING: /);
  });

  it('reports a variable that several classes read once', () => {
    const problems = problemsOf(() => checkEnv([ShopConfig, ReportsConfig], { STORE_CURRENCY: 'euro' }));
    expect(problems).toEqual(['STORE_CURRENCY: STORE_CURRENCY must be an ISO 4217 code']);
  });

  it('accepts a good environment', () => {
    expect(() => checkEnv([PlatformConfig, ShopConfig, ReportsConfig], { PORT: '8080' })).not.toThrow();
  });
});
