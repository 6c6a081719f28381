import { randomUUID } from 'node:crypto';
import { PaymentFailed, PaymentSucceeded, RefundIssued } from '../../src/modules/payments/payments.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, customer, outboxEvents, placeOrder, publishVariant, Shopper, Variant } from '../cart/fixtures';

describe('orders following payments', () => {
  let t: TestApp;
  let variant: Variant;
  const staff = admin();
  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  beforeAll(async () => {
    t = await bootApp();
    variant = await publishVariant(t, { price: { amount: 4000, currency: 'EUR' } });
  });
  afterAll(() => t.close());

  const succeeded = (orderId: string, buyer: Shopper, paymentId = randomUUID()) =>
    new PaymentSucceeded({ paymentId, orderId, customerId: buyer.userId, provider: 'stripe', amount: eur(4499) });
  const detail = async (orderId: string) => (await t.http.get(`/api/v1/admin/orders/${orderId}`).set(staff.auth).expect(200)).body;

  it('marks a pending order paid on payments.payment-succeeded, once', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    const paymentId = randomUUID();
    await publishCommitted(t.app, succeeded(order.id, buyer, paymentId));
    await publishCommitted(t.app, succeeded(order.id, buyer, paymentId));

    const mine = await t.http.get(`/api/v1/orders/${order.id}`).set(buyer.auth).expect(200);
    expect(mine.body).toMatchObject({ status: 'paid', paymentStatus: 'paid', payment: { status: 'paid', paymentId, paidAt: expect.any(String) } });
    expect(mine.body.history.map((h: { to: string }) => h.to)).toEqual(['pending_payment', 'paid']);
    expect(mine.body.history[1]).toMatchObject({ actor: 'payment', note: 'Paid 44.99 EUR (stripe)' });
    const paid = await outboxEvents(t, 'orders.order-paid', 'orderId', order.id);
    expect(paid).toHaveLength(1);
    expect(paid[0].payload).toMatchObject({ status: 'paid', total: eur(4499), lines: [expect.objectContaining({ sku: variant.sku, quantity: 1 })] });
  });

  it('records a failed payment and keeps the order pending', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await publishCommitted(
      t.app,
      new PaymentFailed({ paymentId: randomUUID(), orderId: order.id, customerId: buyer.userId, provider: 'stripe', reason: 'card_declined' }),
    );
    const body = await detail(order.id);
    expect(body).toMatchObject({ status: 'pending_payment', payment: { status: 'failed' } });
    expect(body.history[1]).toMatchObject({ kind: 'note', from: 'pending_payment', to: 'pending_payment', note: 'Payment failed (stripe): card_declined' });
    // A later success still pays it.
    await publishCommitted(t.app, succeeded(order.id, buyer));
    expect(await detail(order.id)).toMatchObject({ status: 'paid', payment: { status: 'paid' } });
  });

  it('records a payment for a cancelled order without reviving it', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 1 }]);
    await t.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).send({}).expect(200);
    await publishCommitted(t.app, succeeded(order.id, buyer));
    const body = await detail(order.id);
    expect(body.status).toBe('cancelled');
    expect(body.payment.status).toBe('paid');
    expect(body.history.at(-1)).toMatchObject({ kind: 'note', to: 'cancelled', actor: 'payment', note: expect.stringContaining('must be refunded') });
    expect(await outboxEvents(t, 'orders.order-paid', 'orderId', order.id)).toEqual([]);
  });

  it('ignores a payment for an unknown order without failing the payment', async () => {
    const buyer = customer();
    await expect(publishCommitted(t.app, succeeded(randomUUID(), buyer))).resolves.toBeUndefined();
  });

  it('records refunds and restocks once when asked', async () => {
    const buyer = customer();
    const order = await placeOrder(t, buyer, [{ variant, quantity: 2 }]);
    const paymentId = randomUUID();
    await publishCommitted(t.app, succeeded(order.id, buyer, paymentId));
    const refund = (amount: number, total: number, restock: boolean) =>
      new RefundIssued({
        refundId: randomUUID(), paymentId, orderId: order.id, customerId: buyer.userId, amount: eur(amount),
        totalRefunded: eur(total), fullyRefunded: total >= 8000, restock, reason: 'damaged',
      });

    await publishCommitted(t.app, refund(3000, 3000, true));
    let body = await detail(order.id);
    expect(body.payment).toMatchObject({ status: 'partially_refunded', refunded: eur(3000) });
    expect(body.history.at(-1)).toMatchObject({ kind: 'note', note: 'Refunded 30.00 EUR: damaged; items restocked' });
    const [restocked] = await outboxEvents(t, 'orders.order-items-restocked', 'orderId', order.id);
    expect(restocked.payload).toEqual({ orderId: order.id, lines: [{ sku: variant.sku, quantity: 2 }] });

    await publishCommitted(t.app, refund(5000, 8000, true));
    body = await detail(order.id);
    expect(body.payment).toMatchObject({ status: 'refunded', refunded: eur(8000) });
    expect(body.status).toBe('paid');
    expect(await outboxEvents(t, 'orders.order-items-restocked', 'orderId', order.id)).toHaveLength(1);
  });
});
