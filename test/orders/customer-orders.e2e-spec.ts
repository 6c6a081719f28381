import { randomUUID } from 'node:crypto';
import { PaymentSucceeded } from '../../src/modules/payments/payments.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, customer, outboxEvents, placeOrder, publishVariant, Variant } from '../cart/fixtures';

describe("a customer's orders", () => {
  let t: TestApp;
  let variant: Variant;
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t, { price: { amount: 2000, currency: 'EUR' } });
  });
  afterAll(() => t.close());

  it('lists own orders newest first, page by page', async () => {
    const buyer = customer();
    const placed = [];
    for (let i = 0; i < 3; i++) placed.push(await placeOrder(t, buyer, [{ variant, quantity: i + 1 }]));
    await placeOrder(t, customer(), [{ variant, quantity: 1 }]);

    const first = await t.http.get('/api/v1/orders?limit=2').set(buyer.auth).expect(200);
    expect(first.body.items.map((o: { id: string }) => o.id)).toEqual([placed[2].id, placed[1].id]);
    expect(first.body.items[0]).toMatchObject({ number: placed[2].number, status: 'pending_payment', paymentStatus: 'unpaid', total: { amount: 6000, currency: 'EUR' } });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http.get(`/api/v1/orders?limit=2&cursor=${first.body.nextCursor}`).set(buyer.auth).expect(200);
    expect(second.body.items.map((o: { id: string }) => o.id)).toEqual([placed[0].id]);
    expect(second.body.nextCursor).toBeNull();
    await t.http.get('/api/v1/orders?cursor=garbage').set(buyer.auth).expect(400);
    await t.http.get('/api/v1/orders').expect(401);
  });

  it("answers 404 for another customer's order and its cancellation", async () => {
    const owner = customer();
    const order = await placeOrder(t, owner, [{ variant, quantity: 1 }]);
    const stranger = customer();
    await t.http.get(`/api/v1/orders/${order.id}`).set(stranger.auth).expect(404);
    await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(stranger.auth).send({}).expect(404);
    await t.http.get(`/api/v1/orders/${randomUUID()}`).set(owner.auth).expect(404);
    const still = await t.http.get(`/api/v1/orders/${order.id}`).set(owner.auth).expect(200);
    expect(still.body.status).toBe('pending_payment');
  });

  it('cancels an unpaid order, records who and why, and tells inventory', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 2 }]);
    const res = await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).send({ note: 'Wrong size' }).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(String) });
    expect(res.body.history.map((h: { to: string }) => h.to)).toEqual(['pending_payment', 'cancelled']);
    expect(res.body.history[1]).toMatchObject({ kind: 'transition', from: 'pending_payment', to: 'cancelled', actor: 'customer', note: 'Wrong size' });
    expect(res.body.history[1].actorId).toBeUndefined();

    const [cancelled] = await outboxEvents(t, 'orders.order-cancelled', 'orderId', order.id);
    expect(cancelled.payload).toMatchObject({
      orderNumber: order.number,
      status: 'cancelled',
      previousStatus: 'pending_payment',
      wasPaid: false,
      reason: 'customer',
      note: 'Wrong size',
      lines: [expect.objectContaining({ sku: variant.sku, quantity: 2 })],
    });

    const again = await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).send({}).expect(409);
    expect(again.body.code).toBe('ORDERS.NOT_CANCELLABLE');
  });

  it('accepts a cancellation without a body', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).expect(200);
  });

  it('refuses a customer cancellation after shipment (409)', async () => {
    const buyer = customer();
    const staff = admin();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await publishCommitted(
      t.app,
      new PaymentSucceeded({ paymentId: randomUUID(), orderId: order.id, customerId: buyer.userId, provider: 'manual', amount: { amount: 2000, currency: 'EUR' } }),
    );
    // Paid: only staff may cancel now.
    const paid = await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).send({}).expect(409);
    expect(paid.body).toMatchObject({ code: 'ORDERS.NOT_CANCELLABLE', orderStatus: 'paid' });
    const move = (to: string, extra = {}) =>
      t.http.post(`/api/v1/admin/orders/${order.id}/transitions`).set(staff.auth).send({ to, ...extra }).expect(200);
    await move('fulfilled');
    await move('shipped', { trackingNumber: 'TRACK-1' });
    const shipped = await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).send({}).expect(409);
    expect(shipped.body).toMatchObject({ code: 'ORDERS.NOT_CANCELLABLE', orderStatus: 'shipped' });
    const detail = await t.http.get(`/api/v1/orders/${order.id}`).set(buyer.auth).expect(200);
    expect(detail.body).toMatchObject({ status: 'shipped', trackingNumber: 'TRACK-1' });
  });
});
