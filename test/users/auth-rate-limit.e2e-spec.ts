import type { Redis } from 'ioredis';
import { PlatformConfig } from '../../src/common/config/platform.config';
import { REDIS } from '../../src/common/redis/redis.module';
import { bootApp, TestApp } from '../support/app';
import { login, uniqueEmail, withEnv } from './users-support';

/** The per-IP limit is high in tests (every suite signs in from 127.0.0.1); here it is lowered on purpose. */
describe('users: per-IP limit on the sign-in routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await withEnv({ AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '3' }, () => bootApp());
    // Earlier suites of this run signed in from 127.0.0.1 within the same minute: start from zero.
    const redis = t.app.get<Redis>(REDIS);
    const keys = await redis.keys(`${t.app.get(PlatformConfig).REDIS_PREFIX}:ratelimit:auth:*:ip:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once one IP asks too often, whatever the e-mail', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/password/forgot').send({ email: uniqueEmail('ip') }).expect(202);
    }
    const limited = await t.http.post('/api/v1/auth/password/forgot').send({ email: uniqueEmail('ip') }).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ status: 429, code: 'COMMON.TOO_MANY_REQUESTS' });
  });

  it('counts each route on its own: login still answers', async () => {
    await login(t, uniqueEmail('ip'), 'whatever it is').expect(401);
  });

  it('limits password reset per IP too', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/password/reset').send({ token: 'no-such-token', password: 'long enough pass' }).expect(400);
    }
    await t.http.post('/api/v1/auth/password/reset').send({ token: 'no-such-token', password: 'long enough pass' }).expect(429);
  });

  it('limits registration per IP too', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.post('/api/v1/auth/register').send({ email: 'bad' }).expect(400);
    }
    await t.http.post('/api/v1/auth/register').send({ email: uniqueEmail(), password: 'long enough pass' }).expect(429);
  });
});
