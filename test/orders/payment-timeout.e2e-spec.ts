import { randomUUID } from 'node:crypto';
import { PaymentSucceeded } from '../../src/modules/payments/payments.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { customer, outboxEvents, placeOrder, publishVariant, Variant } from '../cart/fixtures';

// Orders of this file go unpaid for one second before they expire.
process.env.PAYMENT_TIMEOUT_SECONDS = '1';

describe('payment timeout', () => {
  let t: TestApp;
  let variant: Variant;
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t);
  });
  afterAll(async () => {
    await t.close();
    delete process.env.PAYMENT_TIMEOUT_SECONDS;
  });

  it('cancels an order still unpaid after the timeout and tells inventory to release it', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 3 }]);
    const cancelled = await eventually(async () => {
      const res = await t.http.get(`/api/v1/orders/${order.id}`).set(buyer.auth).expect(200);
      expect(res.body.status).toBe('cancelled');
      return res.body;
    });
    expect(cancelled.history.at(-1)).toMatchObject({ from: 'pending_payment', to: 'cancelled', actor: 'system', note: 'Not paid in time' });
    const events = await outboxEvents(t, 'orders.order-cancelled', 'orderId', order.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      reason: 'payment_timeout',
      previousStatus: 'pending_payment',
      wasPaid: false,
      lines: [expect.objectContaining({ sku: variant.sku, quantity: 3 })],
    });
  });

  it('leaves an order paid in time alone', async () => {
    const buyer = customer();
    const paidOrder = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await publishCommitted(
      t.app,
      new PaymentSucceeded({ paymentId: randomUUID(), orderId: paidOrder.id, customerId: buyer.userId, provider: 'manual', amount: { amount: 1999, currency: 'EUR' } }),
    );
    // An unpaid order placed after it expires, which proves the paid one's timer has fired too.
    const unpaid = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await eventually(async () => {
      const res = await t.http.get(`/api/v1/orders/${unpaid.id}`).set(buyer.auth).expect(200);
      expect(res.body.status).toBe('cancelled');
    });
    const paid = await t.http.get(`/api/v1/orders/${paidOrder.id}`).set(buyer.auth).expect(200);
    expect(paid.body.status).toBe('paid');
    expect(await outboxEvents(t, 'orders.order-cancelled', 'orderId', paidOrder.id)).toEqual([]);
  });
});
