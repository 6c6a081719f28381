import { randomUUID } from 'node:crypto';
import { ProductArchived } from '../../src/modules/catalog/catalog.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { customer, publishVariant, Shopper, whileCartChangeCommits } from './fixtures';

describe('cart lines', () => {
  let t: TestApp;
  let buyer: Shopper;
  let cartId: string;
  const items = () => `/api/v1/carts/${cartId}/items`;

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    buyer = customer();
    cartId = (await t.http.get('/api/v1/me/cart').set(buyer.auth).expect(200)).body.id;
  });

  it('adds to the quantity of a variant already in the cart', async () => {
    const variant = await publishVariant(t);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 2 }).expect(200);
    const res = await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 3 }).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ quantity: 5, lineTotal: { amount: 5 * 1999, currency: 'EUR' } });
    expect(res.body.itemCount).toBe(5);
  });

  it('sums concurrent adds of the same variant', async () => {
    const variant = await publishVariant(t);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.items).toEqual([expect.objectContaining({ variantId: variant.variantId, quantity: 6 })]);
  });

  it('gives two concurrent adds of 1 a quantity of 2', async () => {
    const variant = await publishVariant(t);
    await Promise.all([1, 2].map(() => t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200)));
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.items[0].quantity).toBe(2);
  });

  it('refuses more than 99 of a variant', async () => {
    const variant = await publishVariant(t);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 100 }).expect(400);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 0 }).expect(400);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 60 }).expect(200);
    const res = await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 40 }).expect(422);
    expect(res.body).toMatchObject({ code: 'CART.QUANTITY_LIMIT_EXCEEDED', variantId: variant.variantId, quantityInCart: 60, maxQuantity: 99 });
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 39 }).expect(200);
  });

  it('leaves the cart and its version as they were when an add is refused', async () => {
    const variant = await publishVariant(t);
    const before = (await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 90 }).expect(200)).body;
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 10 }).expect(422);
    await t.http.post(items()).set(buyer.auth).send({ variantId: randomUUID(), quantity: 1 }).expect(422);
    const after = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(after.body).toMatchObject({ version: before.version, itemCount: 90 });
  });

  it('lets only one of two concurrent adds with the same If-Match through', async () => {
    const variant = await publishVariant(t);
    const etag = (await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200)).headers.etag;
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.http.post(items()).set(buyer.auth).set('If-Match', etag).send({ variantId: variant.variantId, quantity: 1 }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412]);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.items[0].quantity).toBe(1);
  });

  it('answers with the lines of a change that committed while the add waited for the cart', async () => {
    const [mine, theirs] = [await publishVariant(t), await publishVariant(t)];
    const res = await whileCartChangeCommits(t, cartId, { variant: theirs, quantity: 2 }, () =>
      t.http.post(items()).set(buyer.auth).send({ variantId: mine.variantId, quantity: 1 }),
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { variantId: string; quantity: number }) => [i.variantId, i.quantity])).toEqual([
      [theirs.variantId, 2],
      [mine.variantId, 1],
    ]);
    const read = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(res.body.version).toBe(read.body.version);
  });

  it('refuses an unknown variant with 422 naming it', async () => {
    const unknown = randomUUID();
    const res = await t.http.post(items()).set(buyer.auth).send({ variantId: unknown, quantity: 1 }).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'CART.VARIANT_NOT_SELLABLE', variantId: unknown, reason: 'unknown' });
    expect(res.body.detail).toContain(unknown);
  });

  it('refuses an unsellable (draft) variant with 422', async () => {
    const draft = await publishVariant(t, { sellable: false });
    const res = await t.http.post(items()).set(buyer.auth).send({ variantId: draft.variantId, quantity: 1 }).expect(422);
    expect(res.body).toMatchObject({ code: 'CART.VARIANT_NOT_SELLABLE', variantId: draft.variantId, reason: 'not_sellable' });
  });

  it('refuses variants of an archived product and flags lines already in carts', async () => {
    const variant = await publishVariant(t);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    await publishCommitted(t.app, new ProductArchived({ productId: variant.productId, variantIds: [variant.variantId], skus: [variant.sku] }));
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(422);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.items[0]).toMatchObject({ variantId: variant.variantId, available: false });
    expect(cart.body.totals.subtotal.amount).toBe(0);
  });

  it('shows the price book\'s current price, not the price when added', async () => {
    const variant = await publishVariant(t, { price: { amount: 1000, currency: 'EUR' } });
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 2 }).expect(200);
    await publishVariant(t, { ...variant, price: { amount: 1200, currency: 'EUR' } });
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.items[0].unitPrice).toEqual({ amount: 1200, currency: 'EUR' });
    expect(cart.body.totals.subtotal.amount).toBe(2400);
  });

  it('sets a quantity, removes a line with 0 or DELETE, and empties the cart', async () => {
    const [a, b, c] = await Promise.all([publishVariant(t), publishVariant(t), publishVariant(t)]);
    for (const v of [a, b, c]) await t.http.post(items()).set(buyer.auth).send({ variantId: v.variantId, quantity: 1 }).expect(200);
    let cart = (await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200)).body;
    const lineOf = (variantId: string) => cart.items.find((i: { variantId: string }) => i.variantId === variantId).id;

    cart = (await t.http.patch(`${items()}/${lineOf(a.variantId)}`).set(buyer.auth).send({ quantity: 7 }).expect(200)).body;
    expect(cart.items.find((i: { variantId: string }) => i.variantId === a.variantId).quantity).toBe(7);
    cart = (await t.http.patch(`${items()}/${lineOf(b.variantId)}`).set(buyer.auth).send({ quantity: 0 }).expect(200)).body;
    expect(cart.items.map((i: { variantId: string }) => i.variantId)).toEqual([a.variantId, c.variantId]);
    cart = (await t.http.delete(`${items()}/${lineOf(c.variantId)}`).set(buyer.auth).expect(200)).body;
    expect(cart.items.map((i: { variantId: string }) => i.variantId)).toEqual([a.variantId]);
    await t.http.delete(`${items()}/${randomUUID()}`).set(buyer.auth).expect(404);
    await t.http.patch(`${items()}/${randomUUID()}`).set(buyer.auth).send({ quantity: 2 }).expect(404);

    const emptied = await t.http.delete(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(emptied.body).toMatchObject({ items: [], itemCount: 0, totals: { total: { amount: 0 } } });
  });

  it('puts the version in an ETag and refuses a change with a stale If-Match (412)', async () => {
    const variant = await publishVariant(t);
    const read = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    const etag = read.headers.etag;
    expect(etag).toBe(`W/"${cartId}-${read.body.version}"`);

    const changed = await t.http.post(items()).set(buyer.auth).set('If-Match', etag).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    expect(changed.headers.etag).not.toBe(etag);

    const stale = await t.http.post(items()).set(buyer.auth).set('If-Match', etag).send({ variantId: variant.variantId, quantity: 1 }).expect(412);
    expect(stale.body).toMatchObject({ code: 'COMMON.STALE_VERSION', currentVersion: changed.headers.etag });
    await t.http.delete(`/api/v1/carts/${cartId}`).set(buyer.auth).set('If-Match', etag).expect(412);
    const lineId = changed.body.items[0].id;
    await t.http.patch(`${items()}/${lineId}`).set(buyer.auth).set('If-Match', etag).send({ quantity: 3 }).expect(412);

    const unchanged = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(unchanged.body.items[0].quantity).toBe(1);
    await t.http.patch(`${items()}/${lineId}`).set(buyer.auth).set('If-Match', changed.headers.etag).send({ quantity: 3 }).expect(200);
  });

  it('takes the cart id in any case and answers with its lower-case ETag', async () => {
    const variant = await publishVariant(t);
    const read = await t.http.get(`/api/v1/carts/${cartId.toUpperCase()}`).set(buyer.auth).expect(200);
    const etag = read.headers.etag;
    expect(etag).toBe(`W/"${cartId}-${read.body.version}"`);
    const changed = await t.http
      .post(`/api/v1/carts/${cartId.toUpperCase()}/items`)
      .set(buyer.auth)
      .set('If-Match', etag)
      .send({ variantId: variant.variantId, quantity: 1 })
      .expect(200);
    expect(changed.body).toMatchObject({ id: cartId, version: read.body.version + 1, itemCount: 1 });
  });

  it('answers 412 to an If-Match version no cart can have', async () => {
    const variant = await publishVariant(t);
    for (const version of ['2147483648', '99999999999999']) {
      const res = await t.http.post(items()).set(buyer.auth).set('If-Match', `W/"${cartId}-${version}"`).send({ variantId: variant.variantId, quantity: 1 });
      expect([res.status, res.body.code]).toEqual([412, 'COMMON.STALE_VERSION']);
    }
  });

  it('estimates shipping and tax for another country and method', async () => {
    const variant = await publishVariant(t, { price: { amount: 1200, currency: 'EUR' } });
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    const fr = await t.http.get(`/api/v1/carts/${cartId}?country=fr&shippingMethod=express`).set(buyer.auth).expect(200);
    // (12.00 + 14.99) x 20/120 = 4.498 -> 4.50, contained in 26.99
    expect(fr.body.totals).toMatchObject({
      country: 'FR',
      shippingMethod: 'express',
      taxRatePercent: 20,
      subtotal: { amount: 1200 },
      shipping: { amount: 1499 },
      tax: { amount: 450 },
      total: { amount: 2699 },
    });
    await t.http.get(`/api/v1/carts/${cartId}?country=XX`).set(buyer.auth).expect(400);
  });

  it('refuses unknown fields (no client prices)', async () => {
    const variant = await publishVariant(t);
    await t.http.post(items()).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1, price: 1 }).expect(400);
  });
});
