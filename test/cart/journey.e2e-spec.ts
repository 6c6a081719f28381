import { randomUUID } from 'node:crypto';
import { bootApp, TestApp } from '../support/app';
import { checkoutBody, customer, outboxEvents, publishVariant } from './fixtures';

describe('shopping journey: guest cart, log in, merge, checkout, order', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('takes a guest from an anonymous cart to a placed order with its history', async () => {
    const jacket = await publishVariant(t, { name: 'Leather jacket (M, blue)', price: { amount: 2500, currency: 'EUR' } });
    const scarf = await publishVariant(t, { name: 'Wool scarf', price: { amount: 1000, currency: 'EUR' } });

    // A guest starts a cart and fills it.
    const created = await t.http.post('/api/v1/carts').expect(201);
    const guestCartId: string = created.body.id;
    const cartToken: string = created.body.cartToken;
    expect(cartToken).toEqual(expect.any(String));
    expect(created.body.customerId).toBeNull();
    expect(created.headers.etag).toBe(`W/"${guestCartId}-1"`);
    await t.http
      .post(`/api/v1/carts/${guestCartId}/items`)
      .set('X-Cart-Token', cartToken)
      .send({ variantId: jacket.variantId, quantity: 2 })
      .expect(200);
    const guestView = await t.http.get(`/api/v1/carts/${guestCartId}`).set('X-Cart-Token', cartToken).expect(200);
    expect(guestView.body.items).toEqual([
      expect.objectContaining({ variantId: jacket.variantId, sku: jacket.sku, quantity: 2, unitPrice: { amount: 2500, currency: 'EUR' }, available: true }),
    ]);

    // The guest logs in: the customer already had a cart with a scarf and one jacket.
    const buyer = customer();
    const mine = await t.http.get('/api/v1/me/cart').set(buyer.auth).expect(200);
    await t.http.post(`/api/v1/carts/${mine.body.id}/items`).set(buyer.auth).send({ variantId: scarf.variantId, quantity: 1 }).expect(200);
    await t.http.post(`/api/v1/carts/${mine.body.id}/items`).set(buyer.auth).send({ variantId: jacket.variantId, quantity: 1 }).expect(200);

    // Merging moves the guest's lines over and adds up the jacket.
    const merged = await t.http
      .post(`/api/v1/carts/${mine.body.id}/merge`)
      .set(buyer.auth)
      .set('X-Cart-Token', cartToken)
      .expect(200);
    const quantities = Object.fromEntries(merged.body.items.map((i: { sku: string; quantity: number }) => [i.sku, i.quantity]));
    expect(quantities).toEqual({ [jacket.sku]: 3, [scarf.sku]: 1 });
    // 3 x 25.00 + 10.00 = 85.00, above the free-shipping threshold; 19 % contained.
    expect(merged.body.totals).toMatchObject({
      subtotal: { amount: 8500, currency: 'EUR' },
      shipping: { amount: 0 },
      total: { amount: 8500 },
      tax: { amount: 1357 },
      taxIncluded: true,
      country: 'DE',
    });
    // The guest cart is gone.
    await t.http.get(`/api/v1/carts/${guestCartId}`).set('X-Cart-Token', cartToken).expect(404);

    // Checkout places the order.
    const checkout = await t.http
      .post(`/api/v1/carts/${mine.body.id}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .send(checkoutBody({ shippingMethod: 'express' }))
      .expect(201);
    const order = checkout.body;
    expect(checkout.headers.location).toBe(`/api/v1/orders/${order.id}`);
    expect(order).toMatchObject({
      number: expect.stringMatching(/^EM-\d{6,}$/),
      status: 'pending_payment',
      cartId: mine.body.id,
      customerId: buyer.userId,
      email: buyer.email,
      shippingMethod: 'express',
      subtotal: { amount: 8500, currency: 'EUR' },
      shipping: { amount: 1499, currency: 'EUR' },
      total: { amount: 9999, currency: 'EUR' },
      taxIncluded: true,
    });
    expect(order.lines).toHaveLength(2);

    // The order is visible to its customer, with its history.
    const detail = await t.http.get(checkout.headers.location).set(buyer.auth).expect(200);
    expect(detail.body).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'pending_payment',
      total: { amount: 9999 },
      payment: { status: 'unpaid', refunded: { amount: 0 } },
      shippingAddress: expect.objectContaining({ fullName: 'Erika Mustermann', country: 'DE' }),
    });
    expect(detail.body.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sku: jacket.sku, name: jacket.name, quantity: 3, unitPrice: { amount: 2500, currency: 'EUR' }, lineTotal: { amount: 7500, currency: 'EUR' } }),
        expect.objectContaining({ sku: scarf.sku, quantity: 1, lineTotal: { amount: 1000, currency: 'EUR' } }),
      ]),
    );
    expect(detail.body.history).toEqual([
      expect.objectContaining({ kind: 'transition', from: null, to: 'pending_payment', actor: 'customer', note: 'Order placed' }),
    ]);
    const list = await t.http.get('/api/v1/orders').set(buyer.auth).expect(200);
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);

    // The events of the flow went out: checkout requested and order placed.
    expect(await outboxEvents(t, 'cart.checkout-requested', 'orderId', order.id)).toHaveLength(1);
    const [placed] = await outboxEvents(t, 'orders.order-placed', 'orderId', order.id);
    expect(placed.payload).toMatchObject({ orderNumber: order.number, email: buyer.email, total: { amount: 9999, currency: 'EUR' } });

    // The checked-out cart is closed; the next visit starts a new one.
    const next = await t.http.get('/api/v1/me/cart').set(buyer.auth).expect(200);
    expect(next.body.id).not.toBe(mine.body.id);
    expect(next.body.items).toEqual([]);
    const old = await t.http.get(`/api/v1/carts/${mine.body.id}`).set(buyer.auth).expect(200);
    expect(old.body).toMatchObject({ status: 'checked_out', orderId: order.id });
    await t.http
      .post(`/api/v1/carts/${mine.body.id}/items`)
      .set(buyer.auth)
      .send({ variantId: scarf.variantId, quantity: 1 })
      .expect(409);
  });

  it('binds a cart created with a bearer token to the customer (one active cart)', async () => {
    const buyer = customer();
    const first = await t.http.post('/api/v1/carts').set(buyer.auth).expect(201);
    expect(first.body).toMatchObject({ customerId: buyer.userId, status: 'active' });
    expect(first.body.cartToken).toBeUndefined();
    const again = await t.http.post('/api/v1/carts').set(buyer.auth).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const mine = await t.http.get('/api/v1/me/cart').set(buyer.auth).expect(200);
    expect(mine.body.id).toBe(first.body.id);
  });

  it('creates one active cart for concurrent first visits', async () => {
    const buyer = customer();
    const answers = await Promise.all([1, 2, 3, 4].map(() => t.http.get('/api/v1/me/cart').set(buyer.auth)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
  });
});
