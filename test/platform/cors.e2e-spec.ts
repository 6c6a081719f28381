import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';

const SHOP = 'https://shop.example';
const ADMIN = 'https://admin.shop.example';
const STRANGER = 'https://evil.example';

/** A browser's preflight for a credentialed JSON POST with an idempotency key. */
const preflight = (t: TestApp, origin: string) =>
  t.http
    .options('/api/v1/auth/login')
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'content-type,authorization,idempotency-key');

/** `CORS_ORIGINS` lists the browser origins that may call the API; other origins get no CORS grant. */
describe('CORS with CORS_ORIGINS set', () => {
  let t: TestApp;
  beforeAll(async () => {
    const restore = withEnv({ CORS_ORIGINS: `${SHOP}, ${ADMIN}` });
    try {
      t = await bootApp();
    } finally {
      restore();
    }
  });
  afterAll(() => t.close());

  it.each([SHOP, ADMIN])('answers the preflight of the allowed origin %s with its grant', async (origin) => {
    const res = await preflight(t, origin).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(origin);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('content-type,authorization,idempotency-key');
    expect(res.headers.vary).toMatch(/Origin/);
    // Bearer tokens, not cookies: browsers are never asked to send credentials.
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    // The preflight answer is an answer like any other.
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('grants a simple request from an allowed origin and exposes the headers clients read', async () => {
    const res = await t.http.get('/health/live').set('Origin', SHOP).expect(200);
    expect(res.headers['access-control-allow-origin']).toBe(SHOP);
    const exposed = res.headers['access-control-expose-headers'].split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['ETag', 'Location', 'X-Request-Id', 'Retry-After']));
  });

  it('grants problem responses too, so a browser can read the error', async () => {
    const res = await t.http.get('/api/v1/no-such-route').set('Origin', SHOP).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it('gives a disallowed origin no grant, on the preflight or the request itself', async () => {
    const pre = await preflight(t, STRANGER);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await t.http.get('/health/live').set('Origin', STRANGER).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('matches origins exactly: no prefix, suffix or scheme tricks', async () => {
    for (const lookalike of [`${SHOP}.evil.example`, 'http://shop.example', 'https://evil-shop.example', `${SHOP}:8443`]) {
      const res = await preflight(t, lookalike);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });
});

describe('CORS without CORS_ORIGINS (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    const restore = withEnv({ CORS_ORIGINS: undefined });
    try {
      t = await bootApp();
    } finally {
      restore();
    }
  });
  afterAll(() => t.close());

  it('grants no origin: a preflight is not answered as one and requests carry no CORS headers', async () => {
    const pre = await preflight(t, SHOP).expect(404);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.headers['access-control-allow-methods']).toBeUndefined();
    const res = await t.http.get('/health/live').set('Origin', SHOP).expect(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
