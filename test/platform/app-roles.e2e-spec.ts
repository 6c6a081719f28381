import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../support/app';
import { AppProcess, connectionRefused, outboxListeners, spawnApp, stopApp, untilServing } from '../support/app-process';
import { SmtpCapture } from '../support/smtp-capture';

/** The value of an unlabelled metric in a Prometheus scrape; NaN (which fails any comparison) when absent. */
const sample = (text: string, name: string): number =>
  Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.slice(name.length + 1));

/**
 * `APP_ROLE=api` and `APP_ROLE=worker` as separate processes on one database and Redis, as a
 * deployment runs them: a sign-up through the API gets its verification e-mail only once a worker
 * runs. The scenario is one story told in order: the second test continues the first.
 */
describe('process roles (APP_ROLE)', () => {
  const smtp = new SmtpCapture();
  const email = `roles-${randomUUID().slice(0, 8)}@example.test`;
  let db: Client;
  let redis: IORedis;
  let notifications: Queue;
  let api: AppProcess;
  let worker: AppProcess | undefined;

  const outboxRow = async () => {
    const { rows } = await db.query<{ dispatched_at: Date | null }>(
      `SELECT dispatched_at FROM platform.outbox WHERE name = 'users.user-registered' AND envelope->'payload'->>'email' = $1`,
      [email],
    );
    if (rows.length !== 1) throw new Error(`expected one users.user-registered row for ${email}, found ${rows.length}`);
    return rows[0];
  };
  beforeAll(async () => {
    await smtp.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    notifications = new Queue('notifications', { connection: redis, prefix: process.env.REDIS_PREFIX });
    api = await spawnApp({ APP_ROLE: 'api', SMTP_URL: smtp.url });
    await untilServing(api);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([stopApp(api), stopApp(worker)]);
    await notifications?.close();
    redis?.disconnect();
    await db?.end();
    await smtp.stop();
  });

  it('api serves HTTP, but relays no outbox event and consumes no queue', async () => {
    const res = await fetch(`${api.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery staple', firstName: 'Ada', lastName: 'Lovelace' }),
    });
    expect(res.status).toBe(201);

    expect(await notifications.getWorkers()).toEqual([]);
    expect(await outboxListeners(db)).toBe(0);
    expect((await outboxRow()).dispatched_at).toBeNull();
    expect(smtp.to(email)).toEqual([]);
  });

  it('a worker delivers what the api wrote, and listens on no HTTP port', async () => {
    worker = await spawnApp({ APP_ROLE: 'worker', SMTP_URL: smtp.url });

    const [mail] = await eventually(() => {
      if (worker!.hasExited()) throw new Error(`the worker exited:\n${worker!.stderr()}`);
      const sent = smtp.to(email);
      expect(sent).toHaveLength(1);
      return sent;
    }, 60_000, 100);
    expect(mail.headers['x-emporium-template']).toBe('verify-email');
    expect((await outboxRow()).dispatched_at).toBeInstanceOf(Date);

    expect((await notifications.getWorkers()).length).toBeGreaterThan(0);
    expect(await outboxListeners(db)).toBe(1);
    expect(await connectionRefused(worker.port)).toBe(true);
    // The api process still serves, and its own relay counter shows it moved nothing.
    const metrics = await fetch(`${api.url}/metrics`).then((r) => r.text());
    expect(sample(metrics, 'outbox_events_total')).toBe(0);
  }, 90_000);

  it('both roles stop cleanly on SIGTERM: exit 0, the worker releases its queues and its LISTEN', async () => {
    api.kill('SIGTERM');
    worker!.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 0, signal: null });
    expect(await worker!.exited).toEqual({ code: 0, signal: null });
    expect(await notifications.getWorkers()).toEqual([]);
    // A closed connection's backend leaves pg_stat_activity a moment after the client is gone.
    await eventually(async () => expect(await outboxListeners(db)).toBe(0));
  }, 30_000);
});
