import { HandlerRegistry } from '../../src/common/events/handler-registry';
import type { PasswordResetAsked } from '../../src/modules/users/users.events';
import { PurgeExpiredTokensProcessor } from '../../src/modules/users/purge-expired-tokens.processor';
import { bootApp, eventually, TestApp } from '../support/app';
import { db, login, outboxPayloads, PASSWORD, registerUser, uniqueEmail } from './users-support';

interface RegisteredPayload {
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  verificationToken: string;
  verificationExpiresAt: string;
}

interface ResetPayload {
  userId: string;
  email: string;
  firstName: string | null;
  resetToken: string;
  expiresAt: string;
}

const NEW_PASSWORD = 'a brand new passphrase';

describe('users: e-mail verification and password reset', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  const forgot = (email: string) => t.http.post('/api/v1/auth/password/forgot').send({ email });
  const reset = (token: string, password = NEW_PASSWORD) =>
    t.http.post('/api/v1/auth/password/reset').send({ token, password });
  const verify = (token: string) => t.http.post('/api/v1/auth/email/verify').send({ token });

  /**
   * Watches the subscriber that looks `email` up and issues the link; `held` keeps it waiting until
   * `release()`. The subscriber's own code does the work; other addresses pass straight through.
   */
  function watchResetLinkIssue(email: string, { held = false } = {}) {
    const entry = t.app.get(HandlerRegistry).asyncSubscriber('users', 'AccountRecoveryService.issueResetLink')!;
    if (entry.batched) throw new Error('issueResetLink takes one event at a time');
    const own = entry.handle;
    let release!: () => void, started!: () => void;
    const gate = held ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    const running = new Promise<void>((resolve) => (started = resolve));
    let done!: Promise<void>;
    entry.handle = (event, tx) => {
      if ((event as PasswordResetAsked).payload.email !== email) return own(event, tx);
      entry.handle = own;
      started();
      done = gate.then(() => own(event, tx));
      return done;
    };
    return { started: () => running, release: () => release(), finished: async () => (await running, await done) };
  }

  /** The `nth` reset link published for the user, once the job that issues it has run. */
  async function resetTokenOf(userId: string, nth = 1): Promise<ResetPayload> {
    return eventually(async () => {
      const events = await outboxPayloads<ResetPayload>(t, 'users.password-reset-requested', userId);
      expect(events.length).toBeGreaterThanOrEqual(nth);
      return events[nth - 1];
    });
  }

  describe('users.user-registered', () => {
    it('carries what the mailer needs, with the raw verification token valid for 24 hours', async () => {
      const email = uniqueEmail('grace');
      const res = await t.http
        .post('/api/v1/auth/register')
        .send({ email, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' })
        .expect(201);
      const userId = res.body.user.id as string;
      const [event] = await outboxPayloads<RegisteredPayload>(t, 'users.user-registered', userId);
      expect(event).toMatchObject({ userId, email, firstName: 'Grace', lastName: 'Hopper' });
      expect(event.verificationToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.text).not.toContain(event.verificationToken);
      const hours = (Date.parse(event.verificationExpiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);
    });

    it('stores the verification token only as a hash', async () => {
      const user = await registerUser(t);
      const [event] = await outboxPayloads<RegisteredPayload>(t, 'users.user-registered', user.id);
      const rows = await db(t).query(`SELECT token_hash FROM users.account_tokens WHERE user_id = $1`, [user.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).not.toBe(event.verificationToken);
    });
  });

  describe('POST /auth/email/verify', () => {
    it('verifies the address with the token from the event: 204, once', async () => {
      const user = await registerUser(t);
      const [event] = await outboxPayloads<RegisteredPayload>(t, 'users.user-registered', user.id);
      await verify(event.verificationToken).expect(204);
      const me = await t.http.get('/api/v1/me').set(user.auth).expect(200);
      expect(me.body.emailVerified).toBe(true);
      const again = await verify(event.verificationToken).expect(400);
      expect(again.body.code).toBe('USERS.TOKEN_INVALID_OR_EXPIRED');
    });

    it('refuses an expired token', async () => {
      const user = await registerUser(t);
      const [event] = await outboxPayloads<RegisteredPayload>(t, 'users.user-registered', user.id);
      await db(t).query(`UPDATE users.account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      await verify(event.verificationToken).expect(400);
      const me = await t.http.get('/api/v1/me').set(user.auth).expect(200);
      expect(me.body.emailVerified).toBe(false);
    });

    it('refuses an unknown token and a missing one', async () => {
      const res = await verify('not-a-real-token').expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const missing = await t.http.post('/api/v1/auth/email/verify').send({}).expect(400);
      expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'token' })]));
    });

    it('does not accept a password reset token', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      await verify((await resetTokenOf(user.id)).resetToken).expect(400);
    });
  });

  describe('POST /auth/password/forgot', () => {
    it('answers 202 with the same empty body for an unknown address and a known one', async () => {
      const user = await registerUser(t);
      const known = await forgot(user.email).expect(202);
      const unknown = await forgot(uniqueEmail('ghost')).expect(202);
      expect(known.text).toBe(unknown.text);
    });

    it('publishes users.password-reset-requested with a raw token valid for 1 hour', async () => {
      const user = await registerUser(t, { firstName: 'Katherine' });
      const res = await forgot(user.email.toUpperCase()).expect(202);
      const event = await resetTokenOf(user.id);
      expect(event).toMatchObject({ userId: user.id, email: user.email, firstName: 'Katherine' });
      expect(event.resetToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const minutes = (Date.parse(event.expiresAt) - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(59);
      expect(minutes).toBeLessThanOrEqual(60);
      expect(res.text).not.toContain(event.resetToken);
    });

    it('publishes nothing for a disabled account', async () => {
      const user = await registerUser(t);
      await db(t).query(`UPDATE users.users SET disabled = true WHERE id = $1`, [user.id]);
      const job = watchResetLinkIssue(user.email);
      await forgot(user.email).expect(202);
      await job.finished();
      expect(await outboxPayloads(t, 'users.password-reset-requested', user.id)).toHaveLength(0);
    });

    it('answers before the address is looked up, so a live account cannot be told by the answer’s timing', async () => {
      const user = await registerUser(t);
      const job = watchResetLinkIssue(user.email, { held: true });
      await forgot(user.email).expect(202);
      await job.started();
      expect(await outboxPayloads(t, 'users.password-reset-requested', user.id)).toHaveLength(0);
      job.release();
      await job.finished();
      expect((await resetTokenOf(user.id)).email).toBe(user.email);
    });

    it('refuses a malformed address with 400', async () => {
      await forgot('nope').expect(400);
    });
  });

  describe('POST /auth/password/reset', () => {
    it('sets the new password from the token in the event and signs out every session', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      await reset((await resetTokenOf(user.id)).resetToken).expect(204);
      await login(t, user.email, PASSWORD).expect(401);
      await login(t, user.email, NEW_PASSWORD).expect(200);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it('works once per token', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      const { resetToken } = await resetTokenOf(user.id);
      await reset(resetToken).expect(204);
      const again = await reset(resetToken, 'yet another passphrase').expect(400);
      expect(again.body.code).toBe('USERS.TOKEN_INVALID_OR_EXPIRED');
      await login(t, user.email, NEW_PASSWORD).expect(200);
    });

    it('refuses an expired token', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      const { resetToken } = await resetTokenOf(user.id);
      await db(t).query(
        `UPDATE users.account_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND purpose = 'password_reset'`,
        [user.id],
      );
      await reset(resetToken).expect(400);
      await login(t, user.email, PASSWORD).expect(200);
    });

    it('voids the earlier link when a new one is asked for', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      const first = (await resetTokenOf(user.id)).resetToken;
      await forgot(user.email).expect(202);
      const second = (await resetTokenOf(user.id, 2)).resetToken;
      expect(second).not.toBe(first);
      await reset(first).expect(400);
      await reset(second).expect(204);
    });

    it('does not accept a verification token', async () => {
      const user = await registerUser(t);
      const [event] = await outboxPayloads<RegisteredPayload>(t, 'users.user-registered', user.id);
      await reset(event.verificationToken).expect(400);
    });

    it('refuses a short new password and unknown fields', async () => {
      const res = await t.http.post('/api/v1/auth/password/reset').send({ token: 'x', password: 'short', email: 'a@b.c' }).expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['password', 'email']));
    });
  });

  describe('the purge-expired-tokens job', () => {
    it('deletes long-expired and long-used tokens and keeps the rest', async () => {
      const user = await registerUser(t);
      await forgot(user.email).expect(202);
      await resetTokenOf(user.id);
      await db(t).query(
        `UPDATE users.account_tokens SET expires_at = now() - interval '2 days' WHERE user_id = $1 AND purpose = 'password_reset'`,
        [user.id],
      );
      const fresh = await registerUser(t);
      await t.app.get(PurgeExpiredTokensProcessor).purge();
      const left = await db(t).query(`SELECT purpose FROM users.account_tokens WHERE user_id = $1`, [user.id]);
      expect(left).toEqual([{ purpose: 'email_verification' }]);
      const kept = await db(t).query(`SELECT count(*)::int AS n FROM users.account_tokens WHERE user_id = $1`, [fresh.id]);
      expect(kept[0].n).toBe(1);
    });
  });
});
