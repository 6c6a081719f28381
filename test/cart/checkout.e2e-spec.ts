import { randomUUID } from 'node:crypto';
import { requestFingerprint } from '../../src/common/http/idempotency';
import { bootApp, TestApp } from '../support/app';
import { address, cartWith, checkoutBody, customer, db, publishVariant, Shopper, Variant, whileCartChangeCommits } from './fixtures';

describe('checkout', () => {
  let t: TestApp;
  let variant: Variant;
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t, { price: { amount: 3000, currency: 'EUR' } });
  });
  afterAll(() => t.close());

  const checkout = (shopper: Shopper, cartId: string, key: string | null, body: object = checkoutBody()) => {
    const req = t.http.post(`/api/v1/carts/${cartId}/checkout`).set(shopper.auth);
    if (key) void req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const ordersOf = async (shopper: Shopper): Promise<number> =>
    Number((await db(t).query(`SELECT count(*) FROM orders.orders WHERE customer_id = $1`, [shopper.userId]))[0].count);

  it('orders the lines of a change that committed while the checkout waited for the cart', async () => {
    const buyer = customer();
    const added = await publishVariant(t);
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const res = await whileCartChangeCommits(t, cartId, { variant: added, quantity: 2 }, () => checkout(buyer, cartId, randomUUID()));
    expect(res.status).toBe(201);
    expect(res.body.lines.map((l: { variantId: string; quantity: number }) => [l.variantId, l.quantity])).toEqual([
      [variant.variantId, 1],
      [added.variantId, 2],
    ]);
    const lines = await db(t).query(`SELECT variant_id, quantity FROM orders.order_lines WHERE order_id = $1 ORDER BY position`, [res.body.id]);
    expect(lines).toEqual([
      { variant_id: variant.variantId, quantity: 1 },
      { variant_id: added.variantId, quantity: 2 },
    ]);
  });

  it('checks out a cart named in upper case under its If-Match', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const etag = (await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200)).headers.etag;
    const res = await t.http
      .post(`/api/v1/carts/${cartId.toUpperCase()}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .set('If-Match', etag)
      .send(checkoutBody())
      .expect(201);
    expect(res.body.cartId).toBe(cartId);
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('replays the first answer to a retried key and places one order', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 2 }]);
    const key = randomUUID();
    const first = await checkout(buyer, cartId, key).expect(201);
    const replay = await checkout(buyer, cartId, key).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.location).toBe(first.headers.location);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('replays a retry that sends the same fields in another order', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const key = randomUUID();
    const { shippingAddress, shippingMethod } = checkoutBody();
    const first = await checkout(buyer, cartId, key, { shippingAddress, shippingMethod }).expect(201);
    const reordered = { shippingMethod, shippingAddress: Object.fromEntries(Object.entries(shippingAddress).reverse()) };
    const replay = await checkout(buyer, cartId, key, reordered).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('refuses text no column can store (NUL, an unpaired surrogate) with 400 naming the field, and places nothing', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const withNul = await checkout(buyer, cartId, randomUUID(), checkoutBody({ shippingAddress: address({ line2: 'Hof\u0000 3' }) })).expect(400);
    expect(withNul.body.errors).toEqual([expect.objectContaining({ field: 'shippingAddress.line2' })]);
    const surrogate = await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(checkoutBody()).replace(/"fullName":"[^"]*"/, '"fullName":"Erika \\ud800"'))
      .expect(400);
    expect(surrogate.body).toMatchObject({ code: 'COMMON.VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'shippingAddress.fullName' })] });
    expect(await ordersOf(buyer)).toBe(0);
  });

  it('answers 422 when a key is reused with another body', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const key = randomUUID();
    await checkout(buyer, cartId, key).expect(201);
    const res = await checkout(buyer, cartId, key, checkoutBody({ shippingMethod: 'express' })).expect(422);
    expect(res.body.code).toBe('COMMON.IDEMPOTENCY_KEY_REUSED');
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('answers the replay with the status stored with the first answer', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const key = randomUUID();
    const first = await checkout(buyer, cartId, key).expect(201);
    const [stored] = await db(t).query(`SELECT response_status FROM platform.idempotency_keys WHERE key = $1`, [key]);
    expect(stored.response_status).toBe(201);
    // Were the stored status another one, the replay answers it rather than the route's 201.
    await db(t).query(`UPDATE platform.idempotency_keys SET response_status = 200 WHERE key = $1`, [key]);
    const replay = await checkout(buyer, cartId, key).expect(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('answers 409 while a request with the same key is in flight, and runs it once that one gave up', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const key = randomUUID();
    const body = checkoutBody();
    // The claim the interceptor writes for a request it is running (src/common/http/idempotency.ts).
    const claim = [`POST /api/v1/carts/:id/checkout:${buyer.userId}`, key];
    const fingerprint = requestFingerprint({ id: cartId }, body);
    await db(t).query(
      `INSERT INTO platform.idempotency_keys (scope, key, fingerprint, state) VALUES ($1, $2, $3, 'in_progress')`,
      [...claim, fingerprint],
    );

    const busy = await checkout(buyer, cartId, key, body).expect(409);
    expect(busy.headers['content-type']).toContain('application/problem+json');
    expect(busy.body.code).toBe('COMMON.IDEMPOTENT_REQUEST_IN_PROGRESS');
    expect(await ordersOf(buyer)).toBe(0);

    // The request in flight failed and released its claim: the retry runs.
    await db(t).query(`DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`, claim);
    const retry = await checkout(buyer, cartId, key, body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await ordersOf(buyer)).toBe(1);
  });

  it('requires an Idempotency-Key (400)', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const res = await checkout(buyer, cartId, null).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    expect(await ordersOf(buyer)).toBe(0);
  });

  it('prices the order from the price book at the moment of checkout', async () => {
    const buyer = customer();
    const item = await publishVariant(t, { price: { amount: 1000, currency: 'EUR' } });
    const cartId = await cartWith(t, buyer, [{ variant: item, quantity: 3 }]);
    await publishVariant(t, { ...item, price: { amount: 1100, currency: 'EUR' } });
    const res = await checkout(buyer, cartId, randomUUID()).expect(201);
    expect(res.body.lines[0]).toMatchObject({ unitPrice: { amount: 1100 }, lineTotal: { amount: 3300 } });
    expect(res.body).toMatchObject({ subtotal: { amount: 3300 }, shipping: { amount: 499 }, total: { amount: 3799 } });
    // A client cannot send prices at all.
    const next = await cartWith(t, buyer, [{ variant: item, quantity: 1 }]);
    await checkout(buyer, next, randomUUID(), { ...checkoutBody(), total: { amount: 1, currency: 'EUR' } }).expect(400);
  });

  it('computes tax for the shipping country and keeps the e-mail given', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const res = await checkout(buyer, cartId, randomUUID(), checkoutBody({
      shippingAddress: address({ country: 'us', region: 'NY', line2: 'Apt 4' }),
      email: 'gift@example.test',
    })).expect(201);
    expect(res.body).toMatchObject({
      email: 'gift@example.test',
      tax: { amount: 0 },
      shippingAddress: expect.objectContaining({ country: 'US', region: 'NY', line2: 'Apt 4', phone: null }),
    });
  });

  it('refuses an empty cart and lines that can no longer be bought (422), writing nothing', async () => {
    const buyer = customer();
    const emptyCart = await cartWith(t, buyer, []);
    expect((await checkout(buyer, emptyCart, randomUUID()).expect(422)).body.code).toBe('CART.EMPTY');

    const doomed = await publishVariant(t);
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }, { variant: doomed, quantity: 1 }]);
    await publishVariant(t, { ...doomed, sellable: false });
    const res = await checkout(buyer, cartId, randomUUID()).expect(422);
    expect(res.body).toMatchObject({ code: 'CART.LINES_NOT_SELLABLE', lines: [expect.objectContaining({ variantId: doomed.variantId, sku: doomed.sku })] });
    expect(res.body.detail).toContain(doomed.sku);
    expect(await ordersOf(buyer)).toBe(0);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.status).toBe('active');
  });

  it('validates the shipping address and method (400)', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const bad = [
      checkoutBody({ shippingAddress: address({ country: 'Germany' }) }),
      checkoutBody({ shippingAddress: address({ fullName: '' }) }),
      checkoutBody({ shippingAddress: address({ postalCode: '$$$' }) }),
      checkoutBody({ shippingAddress: address({ isAdmin: true }) }),
      checkoutBody({ shippingMethod: 'drone' }),
      checkoutBody({ email: 'not-an-email' }),
      { shippingMethod: 'standard' },
    ];
    for (const body of bad) await checkout(buyer, cartId, randomUUID(), body).expect(400);
    const res = await checkout(buyer, cartId, randomUUID(), checkoutBody({ shippingAddress: address({ country: 'Germany' }) }));
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'shippingAddress.country' })]);
    expect(await ordersOf(buyer)).toBe(0);
  });

  it('checks out a cart once: another key gets 409', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const first = await checkout(buyer, cartId, randomUUID()).expect(201);
    const again = await checkout(buyer, cartId, randomUUID()).expect(409);
    expect(again.body).toMatchObject({ code: 'CART.ALREADY_CHECKED_OUT', orderId: first.body.id });
  });

  it('honours If-Match on checkout', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
    const read = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    await t.http.post(`/api/v1/carts/${cartId}/items`).set(buyer.auth).send({ variantId: variant.variantId, quantity: 1 }).expect(200);
    await checkout(buyer, cartId, randomUUID()).set('If-Match', read.headers.etag).expect(412);
    expect(await ordersOf(buyer)).toBe(0);
  });

  it('numbers orders EM- and a sequence, unique and increasing', async () => {
    const buyer = customer();
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const cartId = await cartWith(t, buyer, [{ variant, quantity: 1 }]);
      numbers.push((await checkout(buyer, cartId, randomUUID()).expect(201)).body.number);
    }
    const sequence = numbers.map((n) => Number(n.replace(/^EM-/, '')));
    expect(numbers.every((n) => /^EM-\d{6,}$/.test(n))).toBe(true);
    expect(sequence[1]).toBeGreaterThan(sequence[0]);
    expect(sequence[2]).toBeGreaterThan(sequence[1]);
  });
});
