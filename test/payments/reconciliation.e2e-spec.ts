import './reconciliation.env';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, auditTrail, checkOutOrder, idempotencyKey, intentOf, newCustomer, orderOf, pay, placeOrder, published } from './payments-fixtures';

describe('payments: reconciliation with Stripe', () => {
  let t: TestApp;
  let stripe: StripeEmulator;
  let restoreEnv: () => void;

  beforeAll(async () => {
    stripe = await StripeEmulator.start();
    restoreEnv = withEnv(stripe.env());
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.stop();
    restoreEnv();
  });

  it('marks a payment succeeded and its order paid when the webhook was lost', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    stripe.succeed(intentOf(stripe, res.body.id).id);

    await eventually(async () => {
      const payment = await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect(200);
      expect(payment.body.status).toBe('succeeded');
    });
    const [event, ...more] = await published(t, 'payments.payment-succeeded', res.body.id);
    expect(more).toHaveLength(0);
    expect(event.payload).toMatchObject({ orderId: order.orderId, amount: { amount: order.total, currency: 'EUR' } });
    expect(await auditTrail(t, res.body.id)).toContainEqual(expect.objectContaining({ to_status: 'succeeded', source: 'reconciliation' }));
    // The order follows in the same transaction as the payment, so it is paid as soon as the payment is.
    const paid = await orderOf(t, customer, order.orderId);
    expect(paid).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: res.body.id } });
    expect(paid.history.map((h) => h.to)).toEqual(['pending_payment', 'paid']);
  });

  it('finds the intent of a payment whose creation answer never came back, without a second intent', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const key = idempotencyKey();
    // Stripe creates the intent, but its answer is lost.
    stripe.failNext(1, { afterProcessing: true, match: /^POST \/v1\/payment_intents$/ });
    await pay(t, customer, order.orderId, 'stripe', key).expect(503);
    const [intent] = stripe.createdIntents({ orderId: order.orderId });
    stripe.succeed(intent.id);

    await eventually(async () => {
      const retry = await pay(t, customer, order.orderId, 'stripe', idempotencyKey()).expect(409);
      expect(retry.body.code).toBe('PAYMENTS.ORDER_ALREADY_PAID');
    });
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(1);
    const paymentId = intent.metadata.paymentId;
    expect(await published(t, 'payments.payment-succeeded', paymentId)).toHaveLength(1);
  });

  it('completes a refund left pending when Stripe was unreachable', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, 2000);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    stripe.succeed(intentOf(stripe, res.body.id).id);
    await eventually(async () => expect(await published(t, 'payments.payment-succeeded', res.body.id)).toHaveLength(1));

    stripe.failNext(1, { match: /^POST \/v1\/refunds$/ });
    await t.http.post(`/api/v1/admin/payments/${res.body.id}/refunds`).set(admin()).set('Idempotency-Key', idempotencyKey()).send({}).expect(503);
    await eventually(async () => {
      const [event] = await published(t, 'payments.refund-issued', res.body.id);
      expect(event.payload).toMatchObject({ amount: { amount: 2000, currency: 'EUR' }, fullyRefunded: true });
    });
    expect([...stripe.refunds.values()].filter((r) => r.metadata.paymentId === res.body.id)).toHaveLength(1);
  });
});
