import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { eventually } from '../support/app';
import { AppProcess, connectionRefused, Exit, outboxListeners, spawnApp, stopApp, untilServing } from '../support/app-process';
import { HeldSmtp } from '../support/held-smtp';

const PASSWORD = 'correct horse battery staple';
const uniqueEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;
const signUp = (email: string) => ({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });

interface Answer {
  status: number;
  body: string;
}

/**
 * A POST whose headers the server has read and accepted (it answered `100 Continue`) while its body
 * is still to come: a request in flight for exactly as long as the test wants.
 */
function requestInFlight(url: string, path: string, body: object): Promise<{ finish(): Promise<Answer> }> {
  const payload = JSON.stringify(body);
  const req = request(`${url}${path}`, {
    method: 'POST',
    agent: false,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Expect: '100-continue' },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
  });
  // A request that is never finished may end in a hang-up; only `finish()` reports that.
  answer.catch(() => undefined);
  return new Promise((resolve, reject) => {
    req.once('error', reject);
    req.once('continue', () => resolve({ finish: () => (req.end(payload), answer) }));
    req.flushHeaders();
  });
}

/** Fails unless `promise` settles before the deadline: shutdown must not hang. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * SIGTERM, as an orchestrator stops a container: the process stops accepting connections, answers
 * the requests it already has, lets the job in progress finish, and exits 0.
 */
describe('graceful shutdown', () => {
  const smtp = new HeldSmtp();
  let db: Client;
  let app: AppProcess;

  beforeAll(async () => {
    await smtp.start();
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    app = await spawnApp({ APP_ROLE: 'all', SMTP_URL: smtp.url, LOG_LEVEL: 'warn' });
    await untilServing(app);
  }, 90_000);

  afterAll(async () => {
    await stopApp(app);
    await db?.end();
    await smtp.stop();
  });

  it('on SIGTERM refuses new connections, answers the request in flight, finishes the job in flight and exits 0', async () => {
    // A job in flight: the worker is sending this verification e-mail and the mail server holds its reply.
    const mailed = uniqueEmail('in-job');
    const registered = await fetch(`${app.url}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(signUp(mailed)),
    });
    expect(registered.status).toBe(201);
    await eventually(() => expect(smtp.received).toContain(mailed), 20_000);
    // A request in flight: its headers are in, its body is not.
    const late = uniqueEmail('in-flight');
    const inFlight = await requestInFlight(app.url, '/api/v1/auth/register', signUp(late));

    app.kill('SIGTERM');

    await eventually(async () => expect(await connectionRefused(app.port)).toBe(true), 10_000);
    const answer = await inFlight.finish();
    expect(answer.status).toBe(201);
    // The relay has let go of its LISTEN connection: the background half is closing, with the job still running.
    await eventually(async () => expect(await outboxListeners(db)).toBe(0), 10_000);
    expect(app.hasExited()).toBe(false);
    smtp.release();

    const exit = await within<Exit>(app.exited, 15_000, 'shutdown');
    expect(exit).toEqual({ code: 0, signal: null });
    const { rows } = await db.query<{ recipient: string; status: string }>(
      `SELECT recipient, status FROM notifications.messages WHERE recipient = ANY($1)`,
      [[mailed, late]],
    );
    expect(rows).toContainEqual({ recipient: mailed, status: 'sent' });
    const users = await db.query(`SELECT 1 FROM users.users WHERE email = $1`, [late]);
    expect(users.rowCount).toBe(1);
    // Nothing failed on the way down (warn and above are logged).
    expect(app.logs.filter((l) => Number(l.level) >= 40)).toEqual([]);
    expect(app.stderr()).toBe('');
  }, 60_000);
});

describe('shutdown deadline', () => {
  let app: AppProcess;

  beforeAll(async () => {
    app = await spawnApp({ APP_ROLE: 'api', SHUTDOWN_TIMEOUT_MS: '1500', LOG_LEVEL: 'warn' });
    await untilServing(app);
  }, 90_000);
  afterAll(() => stopApp(app));

  it('exits 1 with an error logged when a request in flight keeps SIGTERM from finishing', async () => {
    // Its body never comes: without a deadline the process would wait for it indefinitely.
    await requestInFlight(app.url, '/api/v1/auth/register', signUp(uniqueEmail('never-done')));
    app.kill('SIGTERM');
    const exit = await within<Exit>(app.exited, 10_000, 'shutdown');
    expect(exit).toEqual({ code: 1, signal: null });
    expect(app.logs).toContainEqual(expect.objectContaining({ msg: 'shutdown did not finish in time; exiting', signal: 'SIGTERM' }));
  }, 30_000);
});
