import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { deleteRedisKeys } from './redis-keys';

type Response = { headers?: Record<string, unknown>; content?: Record<string, { schema: { $ref?: string } }> };
type Parameter = { name: string; in: string; schema?: Record<string, unknown> };
type Operation = { route: string; parameters?: Parameter[]; requestBody?: unknown; responses: Record<string, Response> };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
// The routes marked @SkipGlobalRateLimit(): probes and the Prometheus scrape.
const UNLIMITED = ['GET /health/live', 'GET /health/ready', 'GET /metrics', 'POST /api/v1/payments/webhooks/stripe'];
// Path ids that are not (only) UUIDs: a product's reviews take its id or its slug; BullMQ names jobs.
const OTHER_IDS = ['GET /api/v1/products/{id}/reviews', 'POST /api/v1/products/{id}/reviews', 'POST /api/v1/admin/jobs/{queue}/{id}/retry'];
const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } };

describe('answers the platform gives on every route, in the OpenAPI document', () => {
  const redisPrefix = `${process.env.REDIS_PREFIX}-openapi-globals`;
  let restoreEnv: () => void;
  let t: TestApp;
  let operations: Operation[];
  const op = (route: string): Operation => {
    const found = operations.find((o) => o.route === route);
    if (!found) throw new Error(`${route} is not documented`);
    return found;
  };

  beforeAll(async () => {
    // The global limit on, as in production, counted under a prefix of its own so no other test meets it.
    restoreEnv = withEnv({ RATE_LIMIT_PER_MINUTE: '2', REDIS_PREFIX: redisPrefix });
    t = await bootApp();
    const paths: Record<string, Record<string, Omit<Operation, 'route'>>> = (await t.http.get('/docs/openapi.json').expect(200)).body.paths;
    operations = Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, ...item[m] })),
    );
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv?.();
    await deleteRedisKeys(redisPrefix);
  });

  it('lists 500 problem+json on every operation', () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const o of operations) expect({ route: o.route, content: o.responses['500']?.content }).toEqual({ route: o.route, content: PROBLEM });
  });

  it('lists 429 problem+json with Retry-After on every operation the global rate limit guards', () => {
    for (const o of operations.filter((o) => !UNLIMITED.includes(o.route))) {
      const tooMany = o.responses['429'];
      expect({ route: o.route, content: tooMany?.content, retryAfter: Boolean(tooMany?.headers?.['Retry-After']) }).toEqual({
        route: o.route,
        content: PROBLEM,
        retryAfter: true,
      });
    }
  });

  it('does not claim 429 on the probes and the scrape, which the global rate limit skips', () => {
    for (const route of UNLIMITED) expect([route, op(route).responses['429']]).toEqual([route, undefined]);
  });

  it('lists 413 and 415 problem+json on the operations that take a body, and only there', () => {
    const withBody = operations.filter((o) => o.requestBody);
    expect(withBody.map((o) => o.route)).toEqual(expect.arrayContaining(['POST /api/v1/auth/login', 'POST /api/v1/admin/products']));
    for (const o of operations) {
      const expected = o.requestBody ? PROBLEM : undefined;
      expect({ route: o.route, tooLarge: o.responses['413']?.content, unreadable: o.responses['415']?.content }).toEqual({
        route: o.route,
        tooLarge: expected,
        unreadable: expected,
      });
    }
  });

  it('lists 414 and 400 problem+json on the operations with path parameters, and 414 only there', () => {
    const withParams = operations.filter((o) => o.route.includes('{'));
    expect(withParams.length).toBeGreaterThan(20);
    for (const o of operations) {
      expect({ route: o.route, tooLong: o.responses['414']?.content }).toEqual({ route: o.route, tooLong: o.route.includes('{') ? PROBLEM : undefined });
    }
    for (const o of withParams) expect({ route: o.route, undecodable: o.responses['400']?.content }).toEqual({ route: o.route, undecodable: PROBLEM });
  });

  it('documents every other id in a path as a UUID, which the route checks (ParseIdPipe)', () => {
    const ids = operations.flatMap((o) =>
      (o.parameters ?? []).filter((p) => p.in === 'path' && /^id$|Id$/.test(p.name)).map((p) => ({ route: o.route, name: p.name, schema: p.schema })),
    );
    expect(new Set(ids.map((id) => `${id.route} ${id.name}`)).size).toBe(ids.length);
    const uuids = ids.filter((id) => !OTHER_IDS.includes(id.route));
    expect(uuids.length).toBeGreaterThan(20);
    for (const id of uuids) expect(id).toEqual({ ...id, schema: { type: 'string', format: 'uuid' } });
    for (const route of OTHER_IDS) expect(ids.filter((id) => id.route === route).map((id) => id.schema)).toEqual([{ type: 'string' }]);
  });

  it('lists 503 only where a route declares it: the global rate limit fails open when Redis is down', () => {
    expect(op('GET /api/v1/products').responses['503']).toBeUndefined();
    expect(op('POST /api/v1/carts/{id}/checkout').responses['503'].content).toEqual(PROBLEM);
  });

  it('matches what the guard does: probes are never refused, a guarded route answers 429', async () => {
    for (let i = 0; i < 3; i++) {
      await t.http.get('/health/live').expect(200);
      await t.http.get('/metrics').expect(200);
    }
    await t.http.get('/api/v1/categories').expect(200);
    await t.http.get('/api/v1/categories').expect(200);
    const refused = await t.http.get('/api/v1/categories').expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
