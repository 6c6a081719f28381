import { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { createHttpApp, startBackground } from '../../src/common/bootstrap';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  close(): Promise<void>;
}

/** The real app (API and worker in one process), as `npm run demo` runs it. */
export async function bootApp(rootModule: Type = AppModule): Promise<TestApp> {
  const t = await bootApi(rootModule);
  await startBackground(t.app);
  return t;
}

/** The HTTP half alone (`APP_ROLE=api`): no outbox relay or queue workers share its connections. */
export async function bootApi(rootModule: Type = AppModule): Promise<TestApp> {
  const app = await createHttpApp(rootModule);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, http: request(app.getHttpServer()), close: () => app.close() };
}

/** Polls until `check` stops throwing (asynchronous outcomes), instead of sleeping. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
