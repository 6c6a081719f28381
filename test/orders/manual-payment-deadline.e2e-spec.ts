import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { customer, db, outboxEvents, placeOrder, publishVariant, Shopper, Variant } from '../cart/fixtures';

const HOUR_MS = 3_600_000;

describe('payment deadline of an order awaiting a manual payment', () => {
  let t: TestApp;
  let variant: Variant;
  let restoreEnv: () => void;
  beforeAll(async () => {
    // Card payments time out after three seconds here (time enough to choose a manual payment); manual ones keep the default 72 hours.
    restoreEnv = withEnv({ PAYMENT_TIMEOUT_SECONDS: '3', MANUAL_PAYMENT_TIMEOUT_HOURS: undefined });
    t = await bootApp();
    variant = await publishVariant(t);
  });
  afterAll(async () => {
    await t?.close();
    restoreEnv();
  });

  const payManually = (buyer: Shopper, orderId: string) =>
    t.http.post('/api/v1/payments').set(buyer.auth).set('Idempotency-Key', randomUUID()).send({ orderId, provider: 'manual' }).expect(201);
  const orderOf = async (buyer: Shopper, orderId: string) =>
    (await t.http.get(`/api/v1/orders/${orderId}`).set(buyer.auth).expect(200)).body as { status: string; history: { to: string; actor: string; note: string | null }[] };
  const ordersQueue = () => t.app.get(Queues).get('orders');

  it('keeps the order pending past the card timeout and re-schedules its expiry for MANUAL_PAYMENT_TIMEOUT_HOURS after the request', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 2 }]);
    const before = Date.now();
    const payment = (await payManually(buyer, order.id)).body as { id: string };

    const [requested, ...more] = await outboxEvents(t, 'payments.manual-payment-requested', 'orderId', order.id);
    expect(more).toEqual([]);
    expect(requested.payload).toEqual({ paymentId: payment.id, orderId: order.id, requestedAt: expect.any(String) });
    const requestedAt = Date.parse(requested.payload.requestedAt as string);
    expect(requestedAt).toBeGreaterThanOrEqual(before - 1000);
    const [{ due }] = (await db(t).query(`SELECT payment_due_at AS due FROM orders.orders WHERE id = $1`, [order.id])) as { due: Date }[];
    expect(due.getTime()).toBe(requestedAt + 72 * HOUR_MS);

    // The card-timeout job has run and left a delayed job for the manual deadline in its place.
    const queue = ordersQueue();
    const later = await eventually(async () => {
      const job = (await queue.getJob(`expire-${order.id}-${due.getTime()}`)) as Job | undefined;
      expect(job).toBeDefined();
      return job!;
    });
    expect(await later.getState()).toBe('delayed');
    expect(later.data.data).toEqual({ orderId: order.id, dueAt: due.toISOString() });
    expect(later.timestamp + later.opts.delay!).toBeGreaterThanOrEqual(due.getTime() - 1000);
    expect(await (await queue.getJob(`expire-${order.id}`))?.getState()).toBe('completed');

    const now = await orderOf(buyer, order.id);
    expect(now.status).toBe('pending_payment');
    expect(now.history.map((h) => h.to)).toEqual(['pending_payment']);
    expect(await outboxEvents(t, 'orders.order-cancelled', 'orderId', order.id)).toEqual([]);
  });

  it('still cancels an order with no payment chosen after the card timeout', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    const cancelled = await eventually(async () => {
      const body = await orderOf(buyer, order.id);
      expect(body.status).toBe('cancelled');
      return body;
    });
    expect(cancelled.history.at(-1)).toMatchObject({ to: 'cancelled', actor: 'system', note: 'Not paid in time' });
    const [event] = await outboxEvents(t, 'orders.order-cancelled', 'orderId', order.id);
    expect(event.payload).toMatchObject({ reason: 'payment_timeout', wasPaid: false });
  });
});
