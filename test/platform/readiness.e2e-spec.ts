import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { createHttpApp } from '../../src/common/bootstrap';

describe('readiness with Redis unreachable', () => {
  let app: NestFastifyApplication;
  const savedUrl = process.env.REDIS_URL;

  beforeAll(async () => {
    // Port 1 on loopback: nothing listens there, as when Redis is stopped.
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    app = await createHttpApp(AppModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    process.env.REDIS_URL = savedUrl;
  });

  it('answers 503 problem+json on /health/ready while liveness stays 200', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200);
    const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.status).toBe(503);
  });
});
