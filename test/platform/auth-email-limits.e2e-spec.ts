import type { Redis } from 'ioredis';
import { randomInt, randomUUID } from 'node:crypto';
import { PlatformConfig } from '../../src/common/config/platform.config';
import { REDIS } from '../../src/common/redis/redis.module';
import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';

const PASSWORD = 'correct horse battery staple';
const uniqueEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;
/**
 * Documentation addresses (TEST-NET-3) no other suite uses, each handed out once in this file, so
 * every test's counters start at zero: a random address could repeat one an earlier test counted.
 */
const usedIps = new Set<string>();
const distinctIps = (n: number): string[] => {
  const ips: string[] = [];
  while (ips.length < n) {
    const ip = `203.0.113.${randomInt(1, 255)}`;
    if (usedIps.has(ip)) continue;
    usedIps.add(ip);
    ips.push(ip);
  }
  return ips;
};

async function boot(vars: Record<string, string>): Promise<TestApp> {
  const restore = withEnv(vars);
  try {
    return await bootApp();
  } finally {
    restore();
  }
}

const expectTooManyRequests = (res: { status: number; headers: Record<string, string>; body: unknown }) => {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(res.body).toMatchObject({ status: 429, code: 'COMMON.TOO_MANY_REQUESTS' });
};

/**
 * Behind a load balancer (TRUST_PROXY=true) the client IP is the forwarded one. The per-address
 * limit (AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE) stops an attack on one account spread over many
 * IPs; the per-IP limit (AUTH_RATE_LIMIT_PER_IP_PER_MINUTE) counts apart from it.
 */
describe('users: per-e-mail limits on register and forgot-password, behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await boot({ TRUST_PROXY: 'true', AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3', AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  const register = (ip: string, email: string) =>
    t.http.post('/api/v1/auth/register').set('X-Forwarded-For', ip).send({ email, password: PASSWORD, firstName: 'Ada' });
  const forgot = (ip: string, email: string) =>
    t.http.post('/api/v1/auth/password/forgot').set('X-Forwarded-For', ip).send({ email });

  it('refuses a fourth sign-up for one address within the minute, each from another IP', async () => {
    const email = uniqueEmail('register');
    const ips = distinctIps(4);
    const statuses = [];
    for (const ip of ips.slice(0, 3)) statuses.push((await register(ip, email)).status);
    expect(statuses).toEqual([201, 409, 409]);
    expectTooManyRequests(await register(ips[3], email));
    // The fourth IP itself is not limited: another address signs up from it.
    await register(ips[3], uniqueEmail('register')).expect(201);
  });

  it('refuses a fourth reset request for one address however it is spelled, each from another IP', async () => {
    const email = uniqueEmail('forgot');
    const spellings = [email, email.toUpperCase(), `  ${email}  `];
    const ips = distinctIps(4);
    for (const [i, spelling] of spellings.entries()) await forgot(ips[i], spelling).expect(202);
    expectTooManyRequests(await forgot(ips[3], email));
    await forgot(ips[3], uniqueEmail('forgot')).expect(202);
  });

  it('counts each route on its own: an address refused at sign-up may still ask for a reset', async () => {
    const email = uniqueEmail('routes');
    const ips = distinctIps(5);
    for (const ip of ips.slice(0, 3)) await register(ip, email);
    expectTooManyRequests(await register(ips[3], email));
    await forgot(ips[4], email).expect(202);
  });

  it('counts the forwarded client IP apart from the address', async () => {
    const [busy, other] = distinctIps(2);
    for (let i = 0; i < 4; i++) await forgot(busy, uniqueEmail('ip')).expect(202);
    expectTooManyRequests(await forgot(busy, uniqueEmail('ip')));
    // Every request came over the same loopback socket: only the forwarded address tells them apart.
    await forgot(other, uniqueEmail('ip')).expect(202);
  });
});

/** Without TRUST_PROXY a client cannot pick its own IP: X-Forwarded-For is ignored. */
describe('users: auth limits without a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await boot({ TRUST_PROXY: 'false', AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    // Earlier suites of this run asked from 127.0.0.1 within the same minute: start from zero.
    const redis = t.app.get<Redis>(REDIS);
    const keys = await redis.keys(`${t.app.get(PlatformConfig).REDIS_PREFIX}:ratelimit:auth:password-forgot:ip:*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(() => t.close());

  it('counts the socket address, whatever X-Forwarded-For claims', async () => {
    const ips = distinctIps(4);
    const forgot = (ip: string) => t.http.post('/api/v1/auth/password/forgot').set('X-Forwarded-For', ip).send({ email: uniqueEmail('spoof') });
    for (const ip of ips.slice(0, 3)) await forgot(ip).expect(202);
    expectTooManyRequests(await forgot(ips[3]));
  });
});
