import { randomUUID } from 'node:crypto';
import { decode } from 'jsonwebtoken';
import type { Role } from '../../src/common/auth/auth.types';
import { FirstAdminService } from '../../src/modules/users/first-admin.service';
import { PasswordHasher } from '../../src/modules/users/password-hasher.service';
import { UsersConfig } from '../../src/modules/users/users.config';
import { bootApp, TestApp } from '../support/app';
import { db, login, PASSWORD, registerUser, uniqueEmail, withEnv } from './users-support';

const ADMIN_EMAIL = uniqueEmail('first-admin');
const ADMIN_PASSWORD = 'the first admin passphrase';

describe('users: staff routes (/admin/users) and the first admin', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let adminId: string;

  beforeAll(async () => {
    t = await withEnv({ ADMIN_EMAIL, ADMIN_PASSWORD }, () => bootApp());
    const res = await login(t, ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
    admin = { Authorization: `Bearer ${res.body.accessToken}` };
    adminId = (decode(res.body.accessToken) as { sub: string }).sub;
  });
  afterAll(() => t.close());

  const patchUser = (id: string, body: object, auth = admin) => t.http.patch(`/api/v1/admin/users/${id}`).set(auth).send(body);

  describe('GET /admin/users', () => {
    it('finds accounts by part of the e-mail or a name, ignoring case', async () => {
      const tag = `Zq${randomUUID().slice(0, 6)}`;
      const byName = await registerUser(t, { lastName: `Mc${tag}son` });
      const byEmail = await registerUser(t, { email: `${tag.toLowerCase()}@example.test` });
      await registerUser(t);
      const res = await t.http.get(`/api/v1/admin/users?q=${tag.toUpperCase()}`).set(admin).expect(200);
      const ids = (res.body.items as { id: string }[]).map((u) => u.id).sort();
      expect(ids).toEqual([byName.id, byEmail.id].sort());
      expect(res.body.items[0]).toEqual({
        id: expect.any(String),
        email: expect.any(String),
        firstName: expect.anything(),
        lastName: expect.anything(),
        role: 'customer',
        emailVerified: false,
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('treats LIKE wildcards in q as text', async () => {
      const res = await t.http.get('/api/v1/admin/users?q=%25').set(admin).expect(200);
      expect(res.body.items).toEqual([]);
    });

    it('pages newest first with limit and cursor', async () => {
      const tag = `Pg${randomUUID().slice(0, 6)}`;
      const made = [];
      for (let i = 0; i < 3; i++) made.push(await registerUser(t, { lastName: tag }));
      const page1 = await t.http.get(`/api/v1/admin/users?q=${tag}&limit=2`).set(admin).expect(200);
      expect(page1.body.items.map((u: { id: string }) => u.id)).toEqual([made[2].id, made[1].id]);
      const page2 = await t.http.get(`/api/v1/admin/users?q=${tag}&limit=2&cursor=${page1.body.nextCursor}`).set(admin).expect(200);
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: made[0].id })], nextCursor: null });
    });

    it('filters by role', async () => {
      const res = await t.http.get(`/api/v1/admin/users?role=admin&q=${encodeURIComponent(ADMIN_EMAIL)}`).set(admin).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ id: adminId, role: 'admin', emailVerified: true })]);
    });

    it('refuses bad paging and unknown query fields with 400', async () => {
      await t.http.get('/api/v1/admin/users?limit=0').set(admin).expect(400);
      await t.http.get('/api/v1/admin/users?cursor=bm9wZQ').set(admin).expect(400);
      await t.http.get('/api/v1/admin/users?role=owner').set(admin).expect(400);
      await t.http.get('/api/v1/admin/users?password=x').set(admin).expect(400);
    });

    it('is 401 without a token and 403 for a customer', async () => {
      const customer = await registerUser(t);
      await t.http.get('/api/v1/admin/users').expect(401);
      const res = await t.http.get('/api/v1/admin/users').set(customer.auth).expect(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('PATCH /admin/users/{id}', () => {
    it('disables an account: it can neither log in nor refresh, until enabled again', async () => {
      const user = await registerUser(t);
      const res = await patchUser(user.id, { disabled: true }).expect(200);
      expect(res.body).toMatchObject({ id: user.id, disabled: true });
      await login(t, user.email).expect(401);
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
      await patchUser(user.id, { disabled: false }).expect(200);
      await login(t, user.email).expect(200);
    });

    it('makes a customer an admin; their next session carries the role', async () => {
      const user = await registerUser(t);
      await patchUser(user.id, { role: 'admin' }).expect(200);
      const res = await login(t, user.email).expect(200);
      expect((decode(res.body.accessToken) as { role: Role }).role).toBe('admin');
      await t.http.get('/api/v1/admin/users').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    });

    it('refuses to let an admin demote or disable themselves (409)', async () => {
      const res = await patchUser(adminId, { role: 'customer' }).expect(409);
      expect(res.body.code).toBe('USERS.CANNOT_CHANGE_OWN_ACCESS');
      await patchUser(adminId, { disabled: true }).expect(409);
    });

    it('answers 404 for an unknown or malformed id', async () => {
      await patchUser(randomUUID(), { disabled: true }).expect(404);
      await patchUser('nope', { disabled: true }).expect(404);
    });

    it('refuses unknown fields and bad values with 400', async () => {
      const user = await registerUser(t);
      const res = await patchUser(user.id, { email: 'x@example.test' }).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
      await patchUser(user.id, { role: 'root' }).expect(400);
      await patchUser(user.id, { disabled: 'yes' }).expect(400);
    });

    it('is 401 without a token and 403 for a customer', async () => {
      const customer = await registerUser(t);
      await t.http.patch(`/api/v1/admin/users/${customer.id}`).send({ role: 'admin' }).expect(401);
      await patchUser(customer.id, { role: 'admin' }, customer.auth).expect(403);
      expect((await t.http.get('/api/v1/me').set(customer.auth)).body.role).toBe('customer');
    });
  });

  describe('the first admin (ADMIN_EMAIL / ADMIN_PASSWORD)', () => {
    it('is created at start-up, once', async () => {
      const [row] = await db(t).query(`SELECT count(*)::int AS n, min(role) AS role FROM users.users WHERE lower(email) = lower($1)`, [ADMIN_EMAIL]);
      expect(row).toEqual({ n: 1, role: 'admin' });
    });

    it('is never overwritten by a later start-up with other values', async () => {
      const other = await withEnv({ ADMIN_EMAIL: ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD: 'a different passphrase' }, () => bootApp());
      try {
        await login(other, ADMIN_EMAIL, 'a different passphrase').expect(401);
        await login(other, ADMIN_EMAIL, ADMIN_PASSWORD).expect(200);
      } finally {
        await other.close();
      }
      const [row] = await db(t).query(`SELECT count(*)::int AS n FROM users.users WHERE lower(email) = lower($1)`, [ADMIN_EMAIL]);
      expect(row.n).toBe(1);
    });

    it('is created by exactly one of several instances starting at once', async () => {
      const email = uniqueEmail('race-admin');
      const config = Object.assign(new UsersConfig(), { ADMIN_EMAIL: email, ADMIN_PASSWORD });
      const instances = [1, 2, 3].map(
        () => new FirstAdminService(db(t), t.app.get(PasswordHasher), config),
      );
      const created = await Promise.all(instances.map((i) => i.ensureFirstAdmin()));
      expect(created.filter(Boolean)).toHaveLength(1);
      const [row] = await db(t).query(`SELECT count(*)::int AS n FROM users.users WHERE lower(email) = lower($1)`, [email]);
      expect(row.n).toBe(1);
    });

    it('keeps an existing account with that address as it is (no promotion, no new password)', async () => {
      const customer = await registerUser(t);
      const other = await withEnv({ ADMIN_EMAIL: customer.email, ADMIN_PASSWORD: 'a takeover passphrase' }, () => bootApp());
      try {
        const res = await login(other, customer.email, PASSWORD).expect(200);
        expect((decode(res.body.accessToken) as { role: Role }).role).toBe('customer');
      } finally {
        await other.close();
      }
    });
  });
});
