import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, cancelOrder, deliver, idempotencyKey, intentOf, newCustomer, pay, placeOrder, published } from './payments-fixtures';

describe('payments: cancelled orders', () => {
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

  it('makes a cancelled order unpayable and cancels its open intent at Stripe', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    const intent = intentOf(stripe, res.body.id);

    await cancelOrder(t, order, false);
    const refused = await pay(t, customer, order.orderId, 'stripe').expect(409);
    expect(refused.body.code).toBe('PAYMENTS.ORDER_NOT_PAYABLE');
    await eventually(() => expect(stripe.intent(intent.id).status).toBe('canceled'));
    await eventually(async () => {
      const payment = await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect(200);
      expect(payment.body).toMatchObject({ status: 'cancelled', clientSecret: null });
    });
  });

  it('cancels a pending manual payment with its order', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const res = await pay(t, customer, order.orderId, 'manual').expect(201);
    await cancelOrder(t, order, false);
    await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect(200).expect((r) => expect(r.body.status).toBe('cancelled'));
    const confirm = await t.http.post(`/api/v1/admin/payments/${res.body.id}/confirm`).set(admin()).expect(409);
    expect(confirm.body.code).toBe('PAYMENTS.NOT_CONFIRMABLE');
  });

  it('refunds the whole remaining captured amount through Stripe when a paid order is cancelled', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, 8000);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    const intent = intentOf(stripe, res.body.id);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    await t.http.post(`/api/v1/admin/payments/${res.body.id}/refunds`).set(admin()).set('Idempotency-Key', idempotencyKey()).send({ amount: 3000 }).expect(201);

    await cancelOrder(t, order, true);
    await eventually(async () => {
      const events = await published(t, 'payments.refund-issued', res.body.id);
      expect(events.map((e) => e.payload.amount)).toEqual([
        { amount: 3000, currency: 'EUR' },
        { amount: 5000, currency: 'EUR' },
      ]);
      expect(events[1].payload).toMatchObject({ fullyRefunded: true, restock: false, reason: 'order cancelled' });
    });
    expect(stripe.chargeOf(intent.id)).toMatchObject({ amount_refunded: 8000, refunded: true });
    await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect((r) => expect(r.body).toMatchObject({ status: 'refunded', amountRefunded: 8000 }));
  });

  it('switching a pending Stripe payment to manual cancels the intent', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const card = await pay(t, customer, order.orderId, 'stripe').expect(201);
    const intent = intentOf(stripe, card.body.id);
    const transfer = await pay(t, customer, order.orderId, 'manual').expect(201);
    expect(transfer.body).toMatchObject({ provider: 'manual', status: 'pending' });
    expect(transfer.body.id).not.toBe(card.body.id);
    await eventually(() => expect(stripe.intent(intent.id).status).toBe('canceled'));
    await t.http.get(`/api/v1/payments/${card.body.id}`).set(customer.auth).expect((r) => expect(r.body.status).toBe('cancelled'));
  });
});
