import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../support/app';
import { AppProcess, LogLine, spawnApp, stopApp, untilServing } from '../support/app-process';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `X-Request-Id`: every response carries one (the client's when it is a sane token, a fresh UUID
 * otherwise), and it is the id of the request's log lines and the correlation id of the events,
 * jobs and log lines the request causes. Observed on a real process's stdout, at LOG_LEVEL=info.
 */
describe('correlation id (X-Request-Id)', () => {
  let db: Client;
  let app: AppProcess;

  /** Fastify logs each request twice (`incoming request`, `request completed`) under `reqId`. */
  const requestLog = (id: string): Promise<LogLine[]> =>
    eventually(() => {
      const lines = app.logs.filter((l) => l.reqId === id);
      expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
      return lines;
    });
  const get = (path: string, requestId?: string) =>
    fetch(`${app.url}${path}`, { headers: requestId === undefined ? {} : { 'X-Request-Id': requestId } });

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    // No SMTP_URL: the mailer writes a log line per message, which shows the job's correlation id.
    app = await spawnApp({ APP_ROLE: 'all', LOG_LEVEL: 'info', SMTP_URL: '' });
    await untilServing(app);
  }, 90_000);

  afterAll(async () => {
    await stopApp(app);
    await db?.end();
  });

  it('echoes a well-formed incoming id and logs the request under it', async () => {
    const id = `client-${randomUUID()}`;
    const res = await get('/health/live', id);
    expect(res.headers.get('x-request-id')).toBe(id);
    const [incoming, completed] = await requestLog(id);
    expect(incoming.req).toMatchObject({ method: 'GET', url: '/health/live' });
    expect(completed.res).toEqual({ statusCode: 200 });
  });

  it('puts the id in problem bodies too, so a client can quote it', async () => {
    const id = `client-${randomUUID()}`;
    const res = await get('/api/v1/no-such-route', id);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe(id);
    expect(await res.json()).toMatchObject({ requestId: id });
  });

  it('gives a request without an id a fresh UUID, one per request', async () => {
    const first = (await get('/health/live')).headers.get('x-request-id')!;
    const second = (await get('/health/live')).headers.get('x-request-id')!;
    expect(first).toMatch(UUID);
    expect(second).toMatch(UUID);
    expect(first).not.toBe(second);
    await requestLog(first);
  });

  it.each([
    ['that has characters outside [A-Za-z0-9._-]', 'id with spaces; "quotes"'],
    ['that is longer than 128 characters', 'x'.repeat(129)],
    ['that is empty', ''],
  ])('replaces an incoming id %s with a fresh UUID, and never logs it', async (_, malformed) => {
    const res = await get('/health/live', malformed);
    const replaced = res.headers.get('x-request-id')!;
    expect(replaced).toMatch(UUID);
    await requestLog(replaced);
    if (malformed) expect(app.logs.some((l) => JSON.stringify(l).includes(malformed))).toBe(false);
  });

  it('is the correlation id of the events, jobs and log lines the request causes', async () => {
    const id = `signup-${randomUUID()}`;
    const email = `corr-${randomUUID().slice(0, 8)}@example.test`;
    const res = await fetch(`${app.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': id },
      body: JSON.stringify({ email, password: 'correct horse battery staple', firstName: 'Ada', lastName: 'Lovelace' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe(id);

    const { rows } = await db.query<{ correlation_id: string }>(
      `SELECT envelope->>'correlationId' AS correlation_id FROM platform.outbox
       WHERE name = 'users.user-registered' AND envelope->'payload'->>'email' = $1`,
      [email],
    );
    expect(rows).toEqual([{ correlation_id: id }]);
    // The verification e-mail is sent by a job two hops away (event -> subscriber -> send job).
    const mailLine = await eventually(() => {
      const line = app.logs.find((l) => l.transport === 'log' && l.to === email);
      expect(line).toBeDefined();
      return line!;
    }, 20_000);
    expect(mailLine).toMatchObject({ correlationId: id, template: 'verify-email' });
  });
});
