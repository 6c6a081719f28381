import { randomUUID } from 'node:crypto';
import { bootApp, TestApp } from '../support/app';
import { checkoutBody, customer, db, publishVariant, Variant } from './fixtures';

describe('cart ownership', () => {
  let t: TestApp;
  let variant: Variant;
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t);
  });
  afterAll(() => t.close());

  it("answers 404 for another customer's cart, whatever the request", async () => {
    const owner = customer();
    const other = customer();
    const cartId = (await t.http.get('/api/v1/me/cart').set(owner.auth).expect(200)).body.id;
    await t.http.post(`/api/v1/carts/${cartId}/items`).set(owner.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    const lineId = (await t.http.get(`/api/v1/carts/${cartId}`).set(owner.auth).expect(200)).body.items[0].id;

    await t.http.get(`/api/v1/carts/${cartId}`).set(other.auth).expect(404);
    await t.http.post(`/api/v1/carts/${cartId}/items`).set(other.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(404);
    await t.http.patch(`/api/v1/carts/${cartId}/items/${lineId}`).set(other.auth).send({ quantity: 5 }).expect(404);
    await t.http.delete(`/api/v1/carts/${cartId}/items/${lineId}`).set(other.auth).expect(404);
    await t.http.delete(`/api/v1/carts/${cartId}`).set(other.auth).expect(404);
    await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(other.auth)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody())
      .expect(404);
    // Anonymous callers too.
    await t.http.get(`/api/v1/carts/${cartId}`).expect(404);

    const untouched = await t.http.get(`/api/v1/carts/${cartId}`).set(owner.auth).expect(200);
    expect(untouched.body.items).toEqual([expect.objectContaining({ quantity: 1 })]);
    expect(untouched.body.status).toBe('active');
  });

  it('answers 404 for a guest cart without its token or with another token', async () => {
    const guest = await t.http.post('/api/v1/carts').expect(201);
    const otherGuest = await t.http.post('/api/v1/carts').expect(201);
    const url = `/api/v1/carts/${guest.body.id}`;

    await t.http.get(url).expect(404);
    await t.http.get(url).set('X-Cart-Token', otherGuest.body.cartToken).expect(404);
    await t.http.get(url).set('X-Cart-Token', 'not-a-token').expect(404);
    await t.http.post(`${url}/items`).set('X-Cart-Token', otherGuest.body.cartToken).send({ variantId: variant.variantId, quantity: 1 }).expect(404);
    // A customer is no owner of a guest cart just by being logged in.
    await t.http.get(url).set(customer().auth).expect(404);

    await t.http.get(url).set('X-Cart-Token', guest.body.cartToken).expect(200);
  });

  it('stores only a hash of the cart token', async () => {
    const guest = await t.http.post('/api/v1/carts').expect(201);
    const [row] = await db(t).query(`SELECT token_hash FROM cart.carts WHERE id = $1`, [guest.body.id]);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.token_hash).not.toContain(guest.body.cartToken);
  });

  it('lets a guest check out only after logging in and merging', async () => {
    const guest = await t.http.post('/api/v1/carts').expect(201);
    await t.http
      .post(`/api/v1/carts/${guest.body.id}/checkout`)
      .set('X-Cart-Token', guest.body.cartToken)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody())
      .expect(401);
    // A logged-in customer cannot check out a guest cart directly either: it is not theirs.
    await t.http
      .post(`/api/v1/carts/${guest.body.id}/checkout`)
      .set(customer().auth)
      .set('X-Cart-Token', guest.body.cartToken)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody())
      .expect(404);
  });

  it('merges only with the guest cart token and into the caller\'s own cart', async () => {
    const owner = customer();
    const other = customer();
    const ownerCart = (await t.http.get('/api/v1/me/cart').set(owner.auth).expect(200)).body.id;
    const guest = await t.http.post('/api/v1/carts').expect(201);
    await t.http.post(`/api/v1/carts/${guest.body.id}/items`).set('X-Cart-Token', guest.body.cartToken).send({ variantId: variant.variantId, quantity: 2 }).expect(200);

    await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set('X-Cart-Token', guest.body.cartToken).expect(401);
    await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(other.auth).set('X-Cart-Token', guest.body.cartToken).expect(404);
    const noToken = await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(owner.auth).expect(404);
    expect(noToken.body.code).toBe('CART.GUEST_CART_NOT_FOUND');
    // The guest cart is still there after the refused merges.
    await t.http.get(`/api/v1/carts/${guest.body.id}`).set('X-Cart-Token', guest.body.cartToken).expect(200);

    const merged = await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(owner.auth).set('X-Cart-Token', guest.body.cartToken).expect(200);
    expect(merged.body.items).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 2 })]);
    // A guest cart merges once.
    await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(owner.auth).set('X-Cart-Token', guest.body.cartToken).expect(404);
  });

  it('refuses a merge with a stale If-Match (412), merging nothing', async () => {
    const owner = customer();
    const ownerCart = (await t.http.get('/api/v1/me/cart').set(owner.auth).expect(200)).body.id;
    const read = await t.http.get(`/api/v1/carts/${ownerCart}`).set(owner.auth).expect(200);
    await t.http.post(`/api/v1/carts/${ownerCart}/items`).set(owner.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    const guest = await t.http.post('/api/v1/carts').expect(201);
    await t.http.post(`/api/v1/carts/${guest.body.id}/items`).set('X-Cart-Token', guest.body.cartToken).send({ variantId: variant.variantId, quantity: 2 }).expect(200);
    const merge = () => t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(owner.auth).set('X-Cart-Token', guest.body.cartToken);

    const stale = await merge().set('If-Match', read.headers.etag).expect(412);
    expect(stale.body.code).toBe('COMMON.STALE_VERSION');
    const mine = await t.http.get(`/api/v1/carts/${ownerCart}`).set(owner.auth).expect(200);
    expect(mine.body.items).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 1 })]);
    const left = await t.http.get(`/api/v1/carts/${guest.body.id}`).set('X-Cart-Token', guest.body.cartToken).expect(200);
    expect(left.body.items).toEqual([expect.objectContaining({ quantity: 2 })]);

    const merged = await merge().set('If-Match', mine.headers.etag).expect(200);
    expect(merged.body.items).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 3 })]);
  });

  it('caps merged quantities at 99 per line', async () => {
    const owner = customer();
    const ownerCart = (await t.http.get('/api/v1/me/cart').set(owner.auth).expect(200)).body.id;
    await t.http.post(`/api/v1/carts/${ownerCart}/items`).set(owner.auth).send({ variantId: variant.variantId, quantity: 90 }).expect(200);
    const guest = await t.http.post('/api/v1/carts').expect(201);
    await t.http.post(`/api/v1/carts/${guest.body.id}/items`).set('X-Cart-Token', guest.body.cartToken).send({ variantId: variant.variantId, quantity: 20 }).expect(200);
    const merged = await t.http.post(`/api/v1/carts/${ownerCart}/merge`).set(owner.auth).set('X-Cart-Token', guest.body.cartToken).expect(200);
    expect(merged.body.items[0].quantity).toBe(99);
  });

  it('refuses a cart id that is not a uuid with 400', async () => {
    await t.http.get('/api/v1/carts/abc').set(customer().auth).expect(400);
  });
});
