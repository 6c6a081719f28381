import { randomUUID } from 'node:crypto';
import { decode, sign } from 'jsonwebtoken';
import { readEnv } from '../../src/common/config/env';
import { JwtStrategy } from '../../src/common/auth/jwt.strategy';
import { AuthConfig } from '../../src/common/config/platform.config';
import { bootApp, TestApp } from '../support/app';
import { accessToken as platformToken } from '../support/tokens';
import { comparable, db, login, PASSWORD, registerUser, uniqueEmail } from './users-support';

describe('users: register, login, refresh, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  describe('POST /auth/register', () => {
    it('creates a customer and answers 201 with the user and a token pair', async () => {
      const email = uniqueEmail('Reg');
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' })
        .expect(201);
      expect(res.body).toMatchObject({
        user: { email, firstName: 'Ada', lastName: 'Lovelace', role: 'customer', emailVerified: false },
        tokenType: 'Bearer',
        expiresIn: 900,
      });
      expect(res.body.user.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.accessToken).toEqual(expect.any(String));
      expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    });

    it('stores an argon2id hash with at least the OWASP minimums, never the password', async () => {
      const user = await registerUser(t);
      const [row] = await db(t).query(`SELECT password_hash FROM users.users WHERE id = $1`, [user.id]);
      const [algorithm, version, params] = (row.password_hash as string).split('$').slice(1);
      expect([algorithm, version]).toEqual(['argon2id', 'v=19']);
      const { m, t: iterations, p } = Object.fromEntries(params.split(',').map((kv) => kv.split('=')));
      expect(Number(m)).toBeGreaterThanOrEqual(19456);
      expect(Number(iterations)).toBeGreaterThanOrEqual(2);
      expect(Number(p)).toBeGreaterThanOrEqual(1);
      expect(row.password_hash).not.toContain(PASSWORD);
    });

    it('refuses an unknown field such as role with a 400 problem listing the field', async () => {
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password: PASSWORD, role: 'admin' })
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
    });

    it('refuses a malformed e-mail and a short password', async () => {
      const res = await t.http.post('/api/v1/auth/register').send({ email: 'not-an-email', password: 'short' }).expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    });

    it('answers 409 when the e-mail is taken, whatever its case', async () => {
      const user = await registerUser(t);
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email: user.email.toUpperCase(), password: PASSWORD })
        .expect(409);
      expect(res.body).toMatchObject({ status: 409, code: 'USERS.EMAIL_TAKEN' });
    });
  });

  describe('POST /auth/login', () => {
    it('answers 200 with a token pair, ignoring the case of the e-mail', async () => {
      const user = await registerUser(t);
      const res = await login(t, user.email.toUpperCase()).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    });

    it('issues an HS256 access token for 15 minutes with sub, role, email, iss and aud', async () => {
      const user = await registerUser(t);
      const { header, payload } = decode(user.accessToken, { complete: true }) as {
        header: { alg: string };
        payload: Record<string, unknown> & { exp: number; iat: number };
      };
      const config = readEnv(AuthConfig);
      expect(header.alg).toBe('HS256');
      expect(payload).toMatchObject({ sub: user.id, role: 'customer', email: user.email, iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE });
      expect(payload.exp - payload.iat).toBe(900);
    });

    it('gives identical 401 bodies for an unknown e-mail, a wrong password and a disabled account', async () => {
      const user = await registerUser(t);
      const disabled = await registerUser(t);
      await db(t).query(`UPDATE users.users SET disabled = true WHERE id = $1`, [disabled.id]);
      const unknown = await login(t, uniqueEmail('nobody')).expect(401);
      const wrong = await login(t, user.email, 'wrong password!').expect(401);
      const off = await login(t, disabled.email).expect(401);
      expect(comparable(unknown.body)).toEqual(comparable(wrong.body));
      expect(comparable(off.body)).toEqual(comparable(wrong.body));
      expect(wrong.body).toMatchObject({ status: 401, code: 'AUTH.INVALID_CREDENTIALS' });
      expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    });

    it('refuses a body without a password', async () => {
      const res = await t.http.post('/api/v1/auth/login').send({ email: uniqueEmail() }).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    });

    it('answers 429 with Retry-After once one e-mail has too many attempts, while others still get in', async () => {
      const target = await registerUser(t);
      const other = await registerUser(t);
      for (let i = 0; i < 10; i++) await login(t, target.email, 'guessing wrong').expect(401);
      const limited = await login(t, target.email).expect(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(limited.body).toMatchObject({ status: 429, code: 'COMMON.TOO_MANY_REQUESTS' });
      await login(t, other.email).expect(200);
    });
  });

  describe('access tokens', () => {
    it('refuses an expired access token', async () => {
      const user = await registerUser(t);
      const config = readEnv(AuthConfig);
      const expired = sign({ role: 'customer', email: user.email }, config.JWT_SECRET!, {
        algorithm: 'HS256', subject: user.id, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, expiresIn: -60,
      });
      const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${expired}`).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHORIZED');
    });

    it('refuses a token once it expires, although it was accepted (and remembered) before', async () => {
      const user = await registerUser(t);
      const config = readEnv(AuthConfig);
      // The next whole second (plus a margin for the requests before it), as `exp` counts seconds.
      const exp = Math.ceil((Date.now() + 500) / 1000);
      const shortLived = sign({ role: 'customer', email: user.email, sub: user.id, exp }, config.JWT_SECRET!, {
        algorithm: 'HS256', issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE,
      });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(200);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(200);
      await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
      const res = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${shortLived}`).expect(401);
      expect(res.body.code).toBe('AUTH.UNAUTHORIZED');
    });

    it('checks a token’s signature once per process, and trusts only the exact token it checked', async () => {
      const user = await registerUser(t);
      const verify = jest.spyOn(t.app.get(JwtStrategy), 'validate');
      for (let i = 0; i < 3; i++) await t.http.get('/api/v1/me').set('Authorization', `Bearer ${user.accessToken}`).expect(200);
      expect(verify).toHaveBeenCalledTimes(1);
      const [header, payload, signature] = user.accessToken.split('.');
      const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${header}.${payload}.${flipped}`).expect(401);
      verify.mockRestore();
    });

    it('refuses a token whose claims were tampered with (customer made admin)', async () => {
      const user = await registerUser(t);
      const [header, payload, signature] = user.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
      await t.http.get('/api/v1/admin/users').set('Authorization', `Bearer ${header}.${forged}.${signature}`).expect(401);
    });

    it('refuses an unsigned token (alg none)', async () => {
      const user = await registerUser(t);
      const unsigned = sign({ role: 'admin', email: user.email, sub: user.id }, '', { algorithm: 'none' });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${unsigned}`).expect(401);
    });

    it('refuses a signed token whose claims no token of ours carries (a subject that is not a user id, an unknown role)', async () => {
      const config = readEnv(AuthConfig);
      const signed = (subject: string, role: string) =>
        sign({ role, email: 'x@example.test' }, config.JWT_SECRET!, {
          algorithm: 'HS256', subject, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, expiresIn: 60,
        });
      for (const token of [signed('not-a-uuid', 'customer'), signed(randomUUID(), 'superuser')]) {
        for (const path of ['/api/v1/me', '/api/v1/me/addresses', '/api/v1/orders', '/api/v1/me/cart']) {
          const res = await t.http.get(path).set('Authorization', `Bearer ${token}`);
          expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'AUTH.UNAUTHORIZED' });
        }
      }
    });

    it('are the same kind of token the platform test helper mints', async () => {
      const user = await registerUser(t);
      const token = platformToken({ userId: user.id, email: user.email });
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    });
  });

  describe('POST /auth/refresh', () => {
    it('trades a refresh token for a new pair, once', async () => {
      const user = await registerUser(t);
      const first = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      await t.http.get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
      const second = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
    });

    it('revokes the whole family when a spent token is presented again', async () => {
      const user = await registerUser(t);
      const rotated = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      const reuse = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('AUTH.INVALID_REFRESH_TOKEN');
      // The thief or the client: whoever holds the newest token is signed out too.
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
    });

    it('lets two concurrent uses of one token produce at most one pair, and then none', async () => {
      const user = await registerUser(t);
      const results = await Promise.all(
        [1, 2].map(() => t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken })),
      );
      const ok = results.filter((r) => r.status === 200);
      expect(ok.length).toBeLessThanOrEqual(1);
      expect(results.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
      for (const r of ok) await t.http.post('/api/v1/auth/refresh').send({ refreshToken: r.body.refreshToken }).expect(401);
    });

    it('leaves the other sessions of the user alone when one family is revoked', async () => {
      const user = await registerUser(t);
      const other = await login(t, user.email).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken }).expect(200);
    });

    it('refuses an unknown or expired refresh token with 401', async () => {
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) }).expect(401);
      const user = await registerUser(t);
      await db(t).query(`UPDATE users.refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('refuses a missing token with 400', async () => {
      const res = await t.http.post('/api/v1/auth/refresh').send({}).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'refreshToken' })]));
    });

    it('stores refresh tokens only as hashes', async () => {
      const user = await registerUser(t);
      const rows = await db(t).query(`SELECT token_hash FROM users.refresh_tokens WHERE user_id = $1`, [user.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].token_hash).not.toBe(user.refreshToken);
    });
  });

  describe('POST /auth/logout', () => {
    it('revokes the session of the refresh token: 204, then the token no longer refreshes', async () => {
      const user = await registerUser(t);
      await t.http.post('/api/v1/auth/logout').set(user.auth).send({ refreshToken: user.refreshToken }).expect(204);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it("cannot revoke another user's session", async () => {
      const victim = await registerUser(t);
      const attacker = await registerUser(t);
      await t.http.post('/api/v1/auth/logout').set(attacker.auth).send({ refreshToken: victim.refreshToken }).expect(204);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(200);
    });

    it('needs an access token (401) and a refresh token (400)', async () => {
      const user = await registerUser(t);
      await t.http.post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(401);
      await t.http.post('/api/v1/auth/logout').set(user.auth).send({}).expect(400);
    });
  });

  describe('a disabled account', () => {
    it('can neither log in nor refresh', async () => {
      const user = await registerUser(t);
      await db(t).query(`UPDATE users.users SET disabled = true WHERE id = $1`, [user.id]);
      await login(t, user.email).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });
  });
});
