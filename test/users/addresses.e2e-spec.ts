import { bootApp, TestApp } from '../support/app';
import { MAX_ADDRESSES_PER_USER } from '../../src/modules/users/addresses.service';
import { db, registerUser } from './users-support';

const home = {
  label: 'Home',
  fullName: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JU',
  country: 'gb',
  phone: '+44 20 7946 0000',
};

describe('users: my addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('saves an address (201) and lists it; the first one is the default', async () => {
    const user = await registerUser(t);
    const created = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(201);
    expect(created.body).toMatchObject({ ...home, country: 'GB', line2: null, region: null, isDefault: true });
    const list = await t.http.get('/api/v1/me/addresses').set(user.auth).expect(200);
    expect(list.body).toEqual({ items: [created.body], nextCursor: null });
  });

  it('moves the default when another address asks for it', async () => {
    const user = await registerUser(t);
    const first = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(201);
    const second = await t.http
      .post('/api/v1/me/addresses').set(user.auth)
      .send({ ...home, label: 'Work', isDefault: true })
      .expect(201);
    expect(second.body.isDefault).toBe(true);
    const list = await t.http.get('/api/v1/me/addresses').set(user.auth).expect(200);
    const defaults = (list.body.items as { id: string; isDefault: boolean }[]).filter((a) => a.isDefault).map((a) => a.id);
    expect(defaults).toEqual([second.body.id]);
    await t.http.patch(`/api/v1/me/addresses/${first.body.id}`).set(user.auth).send({ isDefault: true }).expect(200);
    const after = await t.http.get('/api/v1/me/addresses').set(user.auth).expect(200);
    expect((after.body.items as { id: string; isDefault: boolean }[]).filter((a) => a.isDefault).map((a) => a.id)).toEqual([first.body.id]);
  });

  it('pages with limit and cursor', async () => {
    const user = await registerUser(t);
    for (const city of ['A', 'B', 'C']) await t.http.post('/api/v1/me/addresses').set(user.auth).send({ ...home, city }).expect(201);
    const page1 = await t.http.get('/api/v1/me/addresses?limit=2').set(user.auth).expect(200);
    expect(page1.body.items.map((a: { city: string }) => a.city)).toEqual(['A', 'B']);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http.get(`/api/v1/me/addresses?limit=2&cursor=${page1.body.nextCursor}`).set(user.auth).expect(200);
    expect(page2.body).toMatchObject({ items: [expect.objectContaining({ city: 'C' })], nextCursor: null });
    await t.http.get('/api/v1/me/addresses?cursor=garbage').set(user.auth).expect(400);
    await t.http.get('/api/v1/me/addresses?limit=1000').set(user.auth).expect(400);
  });

  it('changes an address (200), clearing optional fields with null', async () => {
    const user = await registerUser(t);
    const created = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(201);
    const res = await t.http
      .patch(`/api/v1/me/addresses/${created.body.id}`).set(user.auth)
      .send({ city: 'Cambridge', phone: null })
      .expect(200);
    expect(res.body).toMatchObject({ id: created.body.id, city: 'Cambridge', phone: null, fullName: home.fullName });
  });

  it('refuses invalid addresses, null for a required field and unknown fields with 400', async () => {
    const user = await registerUser(t);
    const bad = await t.http.post('/api/v1/me/addresses').set(user.auth).send({ ...home, country: 'Narnia', userId: 'x' }).expect(400);
    const fields = (bad.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['country', 'userId']));
    await t.http.post('/api/v1/me/addresses').set(user.auth).send({ city: 'London' }).expect(400);
    const created = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(201);
    await t.http.patch(`/api/v1/me/addresses/${created.body.id}`).set(user.auth).send({ fullName: null }).expect(400);
    await t.http.patch(`/api/v1/me/addresses/${created.body.id}`).set(user.auth).send({ isDefault: null }).expect(400);
  });

  it('deletes an address (204), then it is gone (404)', async () => {
    const user = await registerUser(t);
    const created = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(201);
    await t.http.delete(`/api/v1/me/addresses/${created.body.id}`).set(user.auth).expect(204);
    await t.http.delete(`/api/v1/me/addresses/${created.body.id}`).set(user.auth).expect(404);
    expect((await t.http.get('/api/v1/me/addresses').set(user.auth)).body.items).toEqual([]);
  });

  it("answers 404 for another customer's address, and leaves it untouched", async () => {
    const owner = await registerUser(t);
    const other = await registerUser(t);
    const created = await t.http.post('/api/v1/me/addresses').set(owner.auth).send(home).expect(201);
    const patch = await t.http.patch(`/api/v1/me/addresses/${created.body.id}`).set(other.auth).send({ city: 'Stolen' }).expect(404);
    expect(patch.body.code).toBe('USERS.ADDRESS_NOT_FOUND');
    await t.http.delete(`/api/v1/me/addresses/${created.body.id}`).set(other.auth).expect(404);
    expect((await t.http.get('/api/v1/me/addresses').set(other.auth)).body.items).toEqual([]);
    const mine = await t.http.get('/api/v1/me/addresses').set(owner.auth).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ id: created.body.id, city: 'London' })]);
  });

  it('answers 409 past the limit of addresses per customer', async () => {
    const user = await registerUser(t);
    await db(t).query(
      `INSERT INTO users.addresses (id, user_id, full_name, line1, city, postal_code, country)
       SELECT gen_random_uuid(), $1, 'A', 'B', 'C', 'D', 'GB' FROM generate_series(1, $2)`,
      [user.id, MAX_ADDRESSES_PER_USER],
    );
    const res = await t.http.post('/api/v1/me/addresses').set(user.auth).send(home).expect(409);
    expect(res.body.code).toBe('USERS.ADDRESS_LIMIT_REACHED');
  });

  it('answers 404 for a malformed id', async () => {
    const user = await registerUser(t);
    await t.http.patch('/api/v1/me/addresses/not-a-uuid').set(user.auth).send({ city: 'X' }).expect(404);
  });

  it('needs an access token on every route', async () => {
    const id = '01900000-0000-7000-8000-000000000000';
    await t.http.get('/api/v1/me/addresses').expect(401);
    await t.http.post('/api/v1/me/addresses').send(home).expect(401);
    await t.http.patch(`/api/v1/me/addresses/${id}`).send({ city: 'X' }).expect(401);
    await t.http.delete(`/api/v1/me/addresses/${id}`).expect(401);
  });
});
