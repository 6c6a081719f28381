import { bootApp, eventually, TestApp } from '../support/app';
import { bearer } from '../support/tokens';
import { db, login, outboxPayloads, PASSWORD, registerUser, uniqueEmail } from './users-support';

describe('users: my profile (GET, PATCH, DELETE /me)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  describe('GET /me', () => {
    it('returns my profile and nothing secret', async () => {
      const user = await registerUser(t, { firstName: 'Ada', lastName: 'Lovelace' });
      const res = await t.http.get('/api/v1/me').set(user.auth).expect(200);
      expect(res.body).toEqual({
        id: user.id,
        email: user.email,
        firstName: 'Ada',
        lastName: 'Lovelace',
        role: 'customer',
        emailVerified: false,
        createdAt: expect.any(String),
      });
    });

    it('needs an access token', async () => {
      const res = await t.http.get('/api/v1/me').expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('answers 404 for a token whose account does not exist', async () => {
      const res = await t.http.get('/api/v1/me').set(bearer()).expect(404);
      expect(res.body.code).toBe('USERS.USER_NOT_FOUND');
    });
  });

  describe('PATCH /me', () => {
    it('changes names and publishes users.user-profile-changed', async () => {
      const user = await registerUser(t);
      const res = await t.http.patch('/api/v1/me').set(user.auth).send({ firstName: 'Augusta', lastName: null }).expect(200);
      expect(res.body).toMatchObject({ firstName: 'Augusta', lastName: null, email: user.email });
      const events = await outboxPayloads(t, 'users.user-profile-changed', user.id);
      expect(events).toEqual([{ userId: user.id, email: user.email, firstName: 'Augusta', lastName: null }]);
    });

    it('publishes nothing when nothing changes', async () => {
      const user = await registerUser(t, { firstName: 'Ada' });
      await t.http.patch('/api/v1/me').set(user.auth).send({ firstName: 'Ada' }).expect(200);
      expect(await outboxPayloads(t, 'users.user-profile-changed', user.id)).toHaveLength(0);
    });

    it('changes the e-mail address with the current password, which must then be verified again', async () => {
      const user = await registerUser(t);
      const [registered] = await outboxPayloads<{ verificationToken: string }>(t, 'users.user-registered', user.id);
      await t.http.post('/api/v1/auth/email/verify').send({ token: registered.verificationToken }).expect(204);
      const email = uniqueEmail('moved');
      const res = await t.http.patch('/api/v1/me').set(user.auth).send({ email, currentPassword: PASSWORD }).expect(200);
      expect(res.body).toMatchObject({ email, emailVerified: false });
      expect(await outboxPayloads(t, 'users.user-profile-changed', user.id)).toEqual([
        expect.objectContaining({ userId: user.id, email }),
      ]);
      const [request] = await outboxPayloads<{ email: string; verificationToken: string }>(
        t, 'users.email-verification-requested', user.id,
      );
      expect(request.email).toBe(email);
      await t.http.post('/api/v1/auth/email/verify').send({ token: request.verificationToken }).expect(204);
      expect((await t.http.get('/api/v1/me').set(user.auth)).body.emailVerified).toBe(true);
      await login(t, email).expect(200);
      await login(t, user.email).expect(401);
    });

    it('needs the current password to change the e-mail address or the password', async () => {
      const user = await registerUser(t);
      const missing = await t.http.patch('/api/v1/me').set(user.auth).send({ email: uniqueEmail() }).expect(400);
      expect(missing.body.code).toBe('USERS.CURRENT_PASSWORD_REQUIRED');
      const wrong = await t.http
        .patch('/api/v1/me').set(user.auth)
        .send({ password: 'a whole new password', currentPassword: 'not my password' })
        .expect(400);
      expect(wrong.body.code).toBe('USERS.CURRENT_PASSWORD_INCORRECT');
      await login(t, user.email).expect(200);
    });

    it('changes the password and ends every session', async () => {
      const user = await registerUser(t);
      await t.http
        .patch('/api/v1/me').set(user.auth)
        .send({ password: 'a whole new password', currentPassword: PASSWORD })
        .expect(200);
      await login(t, user.email, 'a whole new password').expect(200);
      await login(t, user.email).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    });

    it("answers 409 for another account's address", async () => {
      const taken = await registerUser(t);
      const user = await registerUser(t);
      const res = await t.http
        .patch('/api/v1/me').set(user.auth)
        .send({ email: taken.email.toUpperCase(), currentPassword: PASSWORD })
        .expect(409);
      expect(res.body.code).toBe('USERS.EMAIL_TAKEN');
    });

    it('refuses role and other unknown fields, and a null e-mail', async () => {
      const user = await registerUser(t);
      const res = await t.http.patch('/api/v1/me').set(user.auth).send({ role: 'admin' }).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
      await t.http.patch('/api/v1/me').set(user.auth).send({ email: null, currentPassword: PASSWORD }).expect(400);
      expect((await t.http.get('/api/v1/me').set(user.auth)).body.role).toBe('customer');
    });

    it('needs an access token', async () => {
      await t.http.patch('/api/v1/me').send({ firstName: 'X' }).expect(401);
    });
  });

  describe('DELETE /me', () => {
    it('erases: no e-mail or name left anywhere in the users schema, sessions revoked, event published', async () => {
      const email = uniqueEmail('erase-me');
      const user = await registerUser(t, { email, firstName: 'Zebulon', lastName: 'Quixotic' });
      await t.http
        .post('/api/v1/me/addresses').set(user.auth)
        .send({ fullName: 'Zebulon Quixotic', line1: '1 Erase Street', city: 'Gone', postalCode: '00000', country: 'FR' })
        .expect(201);
      await t.http.post('/api/v1/auth/password/forgot').send({ email }).expect(202);
      // The reset link is issued by a job; erase only once its token row exists.
      await eventually(async () => expect(await outboxPayloads(t, 'users.password-reset-requested', user.id)).toHaveLength(1));

      await t.http.delete('/api/v1/me').set(user.auth).expect(204);

      const tables = (await db(t).query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'users' AND table_type = 'BASE TABLE'`,
      )) as { table_name: string }[];
      expect(tables.length).toBeGreaterThanOrEqual(4);
      for (const { table_name } of tables) {
        const [found] = await db(t).query(
          `SELECT count(*)::int AS n FROM users."${table_name}" r
           WHERE r::text ILIKE $1 OR r::text ILIKE '%zebulon%' OR r::text ILIKE '%quixotic%'`,
          [`%${email}%`],
        );
        expect({ table: table_name, rows: found.n }).toEqual({ table: table_name, rows: 0 });
      }
      const [row] = await db(t).query(`SELECT email, first_name, last_name, erased_at FROM users.users WHERE id = $1`, [user.id]);
      expect(row).toMatchObject({ email: `erased+${user.id}@invalid`, first_name: null, last_name: null });
      expect(row.erased_at).not.toBeNull();

      expect(await outboxPayloads(t, 'users.user-erased', user.id)).toEqual([{ userId: user.id }]);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await login(t, email).expect(401);
      await t.http.get('/api/v1/me').set(user.auth).expect(404);
    });

    it('frees the address for a new account', async () => {
      const user = await registerUser(t);
      await t.http.delete('/api/v1/me').set(user.auth).expect(204);
      await registerUser(t, { email: user.email });
    });

    it('answers 404 the second time and 401 without a token', async () => {
      const user = await registerUser(t);
      await t.http.delete('/api/v1/me').set(user.auth).expect(204);
      await t.http.delete('/api/v1/me').set(user.auth).expect(404);
      await t.http.delete('/api/v1/me').expect(401);
    });
  });
});
