import { randomUUID } from 'node:crypto';
import { PaymentSucceeded } from '../../src/modules/payments/payments.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, customer, db, outboxEvents, placeOrder, publishVariant, Shopper, Variant } from '../cart/fixtures';

describe('orders for staff', () => {
  let t: TestApp;
  let variant: Variant;
  const staff = admin();
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t, { price: { amount: 2500, currency: 'EUR' } });
  });
  afterAll(() => t.close());

  const transition = (orderId: string, body: object) =>
    t.http.post(`/api/v1/admin/orders/${orderId}/transitions`).set(staff.auth).send(body);
  const pay = (orderId: string, buyer: Shopper, paymentId = randomUUID()) =>
    publishCommitted(
      t.app,
      new PaymentSucceeded({ paymentId, orderId, customerId: buyer.userId, provider: 'stripe', amount: { amount: 2500, currency: 'EUR' } }),
    );

  it('moves a paid order to delivered, with history and an event per step', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await pay(order.id, buyer);
    await transition(order.id, { to: 'fulfilled', note: 'Packed by Kim' }).expect(200);
    const shipped = await transition(order.id, { to: 'shipped', trackingNumber: '1Z999AA10123456784' }).expect(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', trackingNumber: '1Z999AA10123456784' });
    const delivered = await transition(order.id, { to: 'delivered' }).expect(200);

    expect(delivered.body.history.map((h: { from: string | null; to: string; actor: string }) => [h.from, h.to, h.actor])).toEqual([
      [null, 'pending_payment', 'customer'],
      ['pending_payment', 'paid', 'payment'],
      ['paid', 'fulfilled', 'admin'],
      ['fulfilled', 'shipped', 'admin'],
      ['shipped', 'delivered', 'admin'],
    ]);
    expect(delivered.body.history[2]).toMatchObject({ note: 'Packed by Kim', actorId: staff.userId });
    for (const name of ['orders.order-paid', 'orders.order-fulfilled', 'orders.order-delivered']) {
      expect(await outboxEvents(t, name, 'orderId', order.id)).toHaveLength(1);
    }
    const [shippedEvent] = await outboxEvents(t, 'orders.order-shipped', 'orderId', order.id);
    expect(shippedEvent.payload).toMatchObject({ status: 'shipped', trackingNumber: '1Z999AA10123456784', email: buyer.email });
  });

  it('answers 409 for illegal transitions, listing the allowed ones', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    const skip = await transition(order.id, { to: 'shipped', trackingNumber: 'X1' }).expect(409);
    expect(skip.body).toMatchObject({ code: 'ORDERS.ILLEGAL_TRANSITION', from: 'pending_payment', to: 'shipped', allowed: ['cancelled'] });
    // Staff cannot declare an order paid; payments does.
    await transition(order.id, { to: 'paid' }).expect(409);
    await transition(order.id, { to: 'pending_payment' }).expect(409);
    await pay(order.id, buyer);
    await transition(order.id, { to: 'delivered' }).expect(409);
    await transition(order.id, { to: 'refunded' }).expect(400);
    const detail = await t.http.get(`/api/v1/admin/orders/${order.id}`).set(staff.auth).expect(200);
    expect(detail.body.status).toBe('paid');
    expect(detail.body.history).toHaveLength(2);
  });

  it('requires a tracking number to ship (400)', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await pay(order.id, buyer);
    await transition(order.id, { to: 'fulfilled' }).expect(200);
    const missing = await transition(order.id, { to: 'shipped' }).expect(400);
    expect(missing.body.errors).toContainEqual({ field: 'trackingNumber', message: 'trackingNumber is required to ship an order' });
    await transition(order.id, { to: 'shipped', trackingNumber: '   ' }).expect(400);
    const detail = await t.http.get(`/api/v1/admin/orders/${order.id}`).set(staff.auth).expect(200);
    expect(detail.body.status).toBe('fulfilled');
  });

  it('cancels a paid order (the event says it was paid) but not a shipped one (409)', async () => {
    const buyer = customer();
    const paid = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await pay(paid.id, buyer);
    const cancelled = await transition(paid.id, { to: 'cancelled', note: 'Out of stock at the warehouse' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const [event] = await outboxEvents(t, 'orders.order-cancelled', 'orderId', paid.id);
    expect(event.payload).toMatchObject({ previousStatus: 'paid', wasPaid: true, reason: 'admin', note: 'Out of stock at the warehouse' });

    const shipped = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await pay(shipped.id, buyer);
    await transition(shipped.id, { to: 'fulfilled' }).expect(200);
    await transition(shipped.id, { to: 'shipped', trackingNumber: 'T-2' }).expect(200);
    const refused = await transition(shipped.id, { to: 'cancelled' }).expect(409);
    expect(refused.body.code).toBe('ORDERS.ILLEGAL_TRANSITION');
    expect(await outboxEvents(t, 'orders.order-cancelled', 'orderId', shipped.id)).toEqual([]);
  });

  it('lists every order with filters by status, customer and date', async () => {
    const buyer = customer();
    const a = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    const b = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await pay(b.id, buyer);
    await placeOrder(t, customer(), [{ variant, quantity: 1 }]);

    const mine = await t.http.get(`/api/v1/admin/orders?customer=${buyer.userId}`).set(staff.auth).expect(200);
    expect(mine.body.items.map((o: { id: string }) => o.id)).toEqual([b.id, a.id]);
    const byEmail = await t.http.get(`/api/v1/admin/orders?customer=${buyer.email.toUpperCase()}`).set(staff.auth).expect(200);
    expect(byEmail.body.items.map((o: { id: string }) => o.id)).toEqual([b.id, a.id]);
    const paid = await t.http.get(`/api/v1/admin/orders?customer=${buyer.userId}&status=paid`).set(staff.auth).expect(200);
    expect(paid.body.items.map((o: { id: string }) => o.id)).toEqual([b.id]);

    await db(t).query(`UPDATE orders.orders SET placed_at = '2020-01-15T12:00:00Z' WHERE id = $1`, [a.id]);
    const january = await t.http.get(`/api/v1/admin/orders?customer=${buyer.userId}&from=2020-01-01&to=2020-01-15`).set(staff.auth).expect(200);
    expect(january.body.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
    const after = await t.http.get(`/api/v1/admin/orders?customer=${buyer.userId}&from=2020-01-16`).set(staff.auth).expect(200);
    expect(after.body.items.map((o: { id: string }) => o.id)).toEqual([b.id]);

    const page = await t.http.get(`/api/v1/admin/orders?limit=1`).set(staff.auth).expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    await t.http.get('/api/v1/admin/orders?status=lost').set(staff.auth).expect(400);
    await t.http.get('/api/v1/admin/orders?from=2020-02-30').set(staff.auth).expect(400);
    const nul = await t.http.get('/api/v1/admin/orders?customer=a%00b').set(staff.auth).expect(400);
    expect(nul.body.errors).toEqual([expect.objectContaining({ field: 'customer' })]);
    for (const bound of ['from=2024', 'to=2024-05', 'from=2024-W01', 'to=2024-032', 'from=0000-01-01', 'to=2020-01-15T12:00']) {
      const refused = await t.http.get(`/api/v1/admin/orders?${bound}`).set(staff.auth);
      expect([bound, refused.status, refused.body.code]).toEqual([bound, 400, 'COMMON.VALIDATION_FAILED']);
    }
    const instant = await t.http
      .get(`/api/v1/admin/orders?customer=${buyer.userId}&from=2020-01-15T13:00:00%2B01:00&to=2020-01-15T12:00:00Z`)
      .set(staff.auth)
      .expect(200);
    expect(instant.body.items.map((o: { id: string }) => o.id)).toEqual([a.id]);
  });

  it('is for staff only', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await t.http.get('/api/v1/admin/orders').set(buyer.auth).expect(403);
    await t.http.get(`/api/v1/admin/orders/${order.id}`).set(buyer.auth).expect(403);
    await t.http.post(`/api/v1/admin/orders/${order.id}/transitions`).set(buyer.auth).send({ to: 'cancelled' }).expect(403);
    await t.http.get('/api/v1/admin/reports/sales').set(buyer.auth).expect(403);
    await t.http.get('/api/v1/admin/orders').expect(401);
    await t.http.get(`/api/v1/admin/orders/${randomUUID()}`).set(staff.auth).expect(404);
  });
});
