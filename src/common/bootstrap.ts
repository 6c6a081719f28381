import { INestApplicationContext, RequestMethod, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { readEnv } from './config/env';
import { PlatformConfig } from './config/platform.config';
import { OutboxRelay } from './events/outbox-relay';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './http/framework-errors';
import { REPLAYED_HEADER } from './http/idempotency';
import { mountOpenApi } from './http/openapi';
import { securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { JobWorkers } from './jobs/job-workers';
import { createRootLogger, PinoNestLogger } from './observability/logger';
import { Metrics } from './observability/metrics';
import { runWithCorrelationId } from './observability/request-context';

/**
 * After SIGTERM or SIGINT and a clean close (HTTP server drained, workers and connections closed)
 * the process exits 0. Nest's default re-raises the signal instead: exit status 143, which
 * Docker and Kubernetes report as an error although nothing went wrong.
 */
const SHUTDOWN = { useProcessExit: true };

/**
 * A shutdown that has not finished after SHUTDOWN_TIMEOUT_MS (a request or job that never ends,
 * a connection that never closes) exits 1 rather than hanging until the orchestrator kills it:
 * the log then says what happened. Once per process, from main.ts.
 */
export function armShutdownDeadline(timeoutMs: number, logger: Logger): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      logger.error({ signal, timeoutMs }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, timeoutMs).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * A request id needs no time order (unlike primary keys, see `newId`): `randomUUID` draws from a
 * cached entropy pool; a UUID v7 per request cost about 1% of the API's CPU under add to cart.
 */
const requestIdOf = (req: IncomingMessage): string => {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
};

/** Builds the HTTP application exactly as production runs it (tests use this too). */
export async function createHttpApp(appModule: Type): Promise<NestFastifyApplication> {
  const config = readEnv(PlatformConfig);
  const logger = createRootLogger(config.LOG_LEVEL);
  const headers = securityHeaders();
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    genReqId: requestIdOf,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrors(headers),
    clientErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(appModule, adapter, {
    rawBody: true,
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.enableShutdownHooks([], SHUTDOWN);
  app.setGlobalPrefix('api/v1', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.enableCors({ origin: config.CORS_ORIGINS.length ? config.CORS_ORIGINS : false, exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After', REPLAYED_HEADER] });
  labelRequests(app, headers);
  instrument(app);
  mountOpenApi(app);
  return app;
}

/**
 * Everything a request does runs under its id (the rest of Fastify's chain, the body parser
 * included, continues inside the `onRequest` hook's context), and every answer carries the id and
 * the security headers: set on send, so that error answers, 404s and the preflight answers CORS
 * gives from its own earlier hook have them too.
 */
function labelRequests(app: NestFastifyApplication, headers: Record<string, string>): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => runWithCorrelationId(request.id, done));
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(headers).header('X-Request-Id', request.id);
    done(null, payload);
  });
}

function instrument(app: NestFastifyApplication): void {
  const metrics = app.get(Metrics);
  app.getHttpAdapter().getInstance().addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}

/** The background half: outbox relay and BullMQ workers. */
export async function startBackground(app: INestApplicationContext): Promise<void> {
  await app.get(JobWorkers).start();
  await app.get(OutboxRelay).start();
}

export async function createWorkerContext(appModule: Type): Promise<INestApplicationContext> {
  const config = readEnv(PlatformConfig);
  const app = await NestFactory.createApplicationContext(appModule, {
    logger: new PinoNestLogger(createRootLogger(config.LOG_LEVEL)),
  });
  app.enableShutdownHooks([], SHUTDOWN);
  return app;
}
