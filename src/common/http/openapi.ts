import { INestApplication } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, type HeaderObject, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { FieldErrorDto, ProblemDto } from '../errors/problem';
import { problemResponse } from './api-problems.decorator';
import { REPLAYED_HEADER } from './idempotency';
import { SkipGlobalRateLimit } from './rate-limit';

const REPLAY_HEADER_DOC: HeaderObject = {
  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// Swagger's default ids, pinned here because the rate-limit exemptions below are found by id.
const operationId = (controller: string, method: string): string => `${controller}_${method}`;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Emporium API')
    .setDescription(
      'The REST API of Emporium. Errors are `application/problem+json` (RFC 9457). ' +
        'Lists page with `limit` and an opaque `cursor`. Staff routes live under `/api/v1/admin`.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ProblemDto, FieldErrorDto],
    operationIdFactory: operationId,
  });
  const problem = document.components?.schemas?.[ProblemDto.name];
  // Codes add extension members of their own (RFC 9457); routes document the ones they answer.
  if (problem && !('$ref' in problem)) problem.additionalProperties = true;
  return withoutRepeatedDescriptions(withReplayHeader(withPlatformProblems(document, operationsOutsideGlobalRateLimit(app))));
}

/**
 * Swagger joins the descriptions of a status declared twice on one route (by `@Idempotent()` and
 * the route's own `@ApiProblems`, say); the same paragraph twice says nothing more.
 */
function withoutRepeatedDescriptions(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      for (const response of Object.values(item[method]?.responses ?? {})) {
        if (!response || '$ref' in response) continue;
        response.description = [...new Set(response.description.split('\n\n'))].join('\n\n');
      }
    }
  }
  return document;
}

/** Every success answer of a route taking `Idempotency-Key` may be a replay, and says so. */
function withReplayHeader(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      const idempotent = operation?.parameters?.some((p) => 'in' in p && p.in === 'header' && p.name === 'Idempotency-Key');
      if (!operation || !idempotent) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!status.startsWith('2') || !response || '$ref' in response) continue;
        response.headers = { ...response.headers, [REPLAYED_HEADER]: REPLAY_HEADER_DOC };
      }
    }
  }
  return document;
}

/**
 * Adds the answers the platform can give on any route, so no controller has to repeat them: 500 (an
 * unexpected error), 429 (the instance-wide rate limit), where a body is taken, 413 (too large)
 * and 415 (a media type other than JSON or plain text), and where the path has parameters, 414 (one
 * too long) and 400 (one that does not decode), which the router answers (framework-errors.ts).
 * There is no platform-wide 503: the global limit fails open, and a database outage is a masked 500;
 * routes that do answer 503 declare it with `@ApiProblems`.
 */
function withPlatformProblems(document: OpenAPIObject, rateLimitExempt: Set<string>): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const statuses = [500];
      if (!rateLimitExempt.has(operation.operationId ?? '')) statuses.push(429);
      if (operation.requestBody) statuses.push(413, 415);
      if (path.includes('{')) statuses.push(400, 414);
      for (const status of statuses) operation.responses[status] ??= problemResponse(status);
    }
  }
  return document;
}

/** Ids of the operations `@SkipGlobalRateLimit()` exempts, read as the guard reads it. */
function operationsOutsideGlobalRateLimit(app: INestApplication): Set<string> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const skipKey = SkipGlobalRateLimit().KEY;
  const exempt = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (reflector.getAllAndOverride<boolean>(skipKey, [handler, metatype])) exempt.add(operationId(metatype.name, name));
      }
    }
  }
  return exempt;
}

/** Swagger UI at `/docs`, the document at `/docs/openapi.json`. */
export function mountOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    swaggerOptions: { persistAuthorization: true },
  });
}
