import { DomainEvent } from '../../src/common/events/domain-event';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';

class MetricsProbed extends DomainEvent<Record<string, never>> {
  static override readonly eventName = 'probe.metrics-probed';
}

/** The value of an unlabelled metric in a Prometheus scrape; NaN (which fails any comparison) when absent. */
const sample = (text: string, name: string): number =>
  Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.slice(name.length + 1));

describe('platform HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('answers liveness and readiness', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
  });

  it('answers an unknown route with problem+json and echoes the request id', async () => {
    const res = await t.http.get('/api/v1/nope').set('X-Request-Id', 'abc-123').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', requestId: 'abc-123' });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await t.http.get('/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toBeDefined();
    await t.http.get('/docs').expect(200).expect('content-type', /html/);
  });

  it('exposes Prometheus metrics with the HTTP histogram, relay lag and relayed events', async () => {
    await t.http.get('/health/live');
    const before = await t.http.get('/metrics').expect(200);
    expect(before.text).toContain('http_request_duration_seconds_bucket');
    expect(before.text).toContain('outbox_relay_lag_seconds');
    const relayed = sample(before.text, 'outbox_events_total');
    expect(relayed).toBeGreaterThanOrEqual(0);
    await publishCommitted(t.app, new MetricsProbed({}), new MetricsProbed({}));
    await eventually(async () => {
      const res = await t.http.get('/metrics').expect(200);
      expect(sample(res.text, 'outbox_events_total')).toBeGreaterThanOrEqual(relayed + 2);
    });
  });

  it('refuses a body over the size limit with 413 problem+json', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) }))
      .expect(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a body of a media type it does not read with 415 problem+json', async () => {
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/xml').send('<login/>').expect(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 415, requestId: expect.any(String) });
  });

  it('sends the helmet security headers on answers, problem answers and unknown routes', async () => {
    for (const res of [
      await t.http.get('/health/live').expect(200),
      await t.http.get('/api/v1/admin/jobs/failed').expect(401),
      await t.http.get('/api/v1/no-such-route').expect(404),
    ]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
      expect(res.headers['x-request-id']).toBeDefined();
    }
  });

  it('refuses an admin route without a token', async () => {
    const res = await t.http.get('/api/v1/admin/jobs/failed').expect(401);
    expect(res.body.code).toBe('AUTH.UNAUTHORIZED');
  });
});
