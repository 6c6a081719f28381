import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { bootApi } from '../support/app';

describe('readiness with Redis unreachable', () => {
  let app: NestFastifyApplication;
  const saved = { REDIS_URL: process.env.REDIS_URL, RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE };

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, as when Redis is stopped.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    // Limits on, as in production: they live in Redis and must not stand in the probes' way.
    process.env.RATE_LIMIT_PER_MINUTE = '1000';
    ({ app } = await bootApi());
  });
  afterAll(async () => {
    await app.close();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('answers 503 problem+json on /health/ready while liveness stays 200', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.status).toBe(503);
  });

  it('keeps serving routes that need only PostgreSQL, and refuses logins it cannot rate-limit', async () => {
    await request(app.getHttpServer()).get('/api/v1/categories').expect(200);
    const login = await request(app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.com', password: 'whatever-password' })
      .expect(503);
    expect(login.body.code).toBe('COMMON.RATE_LIMIT_UNAVAILABLE');
  });
});
