import { DataSource } from 'typeorm';
import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, auditTrail, checkOutOrder, deliver, intentOf, newCustomer, orderOf, pay, published, stripePaymentOf } from './payments-fixtures';

describe('payments: Stripe webhooks', () => {
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
  afterEach(() => stripe.resetFaults());
  const stripePayment = (total?: number) => stripePaymentOf(t, stripe, total);

  it('applies the same webhook delivered 5 times in a row and 5 times concurrently once', async () => {
    const { payment, intent } = await stripePayment();
    stripe.succeed(intent.id);
    const delivery = stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)));
    const inRow = [];
    for (let i = 0; i < 5; i++) inRow.push((await deliver(t, delivery).expect(200)).body.duplicate);
    expect(inRow).toEqual([false, true, true, true, true]);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => deliver(t, delivery)));
    expect(concurrent.map((r) => [r.status, r.body.duplicate])).toEqual(Array(5).fill([200, true]));

    // A fresh event id delivered concurrently five times: one of them does the work.
    const other = await stripePayment();
    stripe.succeed(other.intent.id);
    const fresh = stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(other.intent.id)));
    const race = await Promise.all(Array.from({ length: 5 }, () => deliver(t, fresh)));
    expect(race.map((r) => r.status)).toEqual(Array(5).fill(200));
    expect(race.filter((r) => r.body.duplicate === false)).toHaveLength(1);

    for (const id of [payment.id, other.payment.id]) {
      expect(await published(t, 'payments.payment-succeeded', id)).toHaveLength(1);
      const changes = (await auditTrail(t, id)).filter((e) => e.to_status === 'succeeded');
      expect(changes).toHaveLength(1);
    }
  });

  it('refuses a bad signature and a stale timestamp with 400 and no effect', async () => {
    const { customer, payment, intent } = await stripePayment();
    stripe.succeed(intent.id);
    const event = stripe.event('payment_intent.succeeded', stripe.intent(intent.id));

    const forged = stripe.signed(event, { secret: 'whsec_not_ours' });
    const bad = await deliver(t, forged).expect(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.code).toBe('PAYMENTS.WEBHOOK_SIGNATURE_INVALID');

    const stale = stripe.signed(event, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect((await deliver(t, stale).expect(400)).body.code).toBe('PAYMENTS.WEBHOOK_SIGNATURE_INVALID');

    const good = stripe.signed(event);
    const tampered = { body: good.body.replace('"succeeded"', '"canceled"'), signature: good.signature };
    await deliver(t, tampered).expect(400);
    await t.http.post('/api/v1/payments/webhooks/stripe').set('Content-Type', 'application/json').send(good.body).expect(400);

    await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect(200).expect((r) => expect(r.body.status).toBe('pending'));
    expect(await published(t, 'payments.payment-succeeded', payment.id)).toHaveLength(0);
    const stored = await t.app.get(DataSource).query(`SELECT 1 FROM payments.stripe_events WHERE id = $1`, [event.id]);
    expect(stored).toHaveLength(0);
    // The genuine delivery still works afterwards: the refused ones did not burn the event id.
    await deliver(t, good).expect(200, { received: true, duplicate: false });
  });

  it('keeps a succeeded payment succeeded and its order paid when payment_failed arrives after it', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer);
    const payment = (await pay(t, customer, order.orderId, 'stripe').expect(201)).body as { id: string };
    const intent = intentOf(stripe, payment.id);
    const failedSnapshot = structuredClone(stripe.fail(intent.id));
    const failedEvent = stripe.event('payment_intent.payment_failed', failedSnapshot);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    await deliver(t, stripe.signed(failedEvent)).expect(200);
    await deliver(t, stripe.signed(stripe.event('payment_intent.canceled', { ...failedSnapshot, status: 'canceled' }))).expect(200);

    const res = await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect(200);
    expect(res.body.status).toBe('succeeded');
    expect(await published(t, 'payments.payment-failed', payment.id)).toHaveLength(0);
    expect(await published(t, 'payments.payment-succeeded', payment.id)).toHaveLength(1);
    const paid = await orderOf(t, customer, order.orderId);
    expect(paid).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: payment.id } });
    // Nothing about the late failure reached the order: no status change, no failure note.
    expect(paid.history.map((h) => h.to)).toEqual(['pending_payment', 'paid']);
  });

  it('cancels a pending payment on a standalone payment_intent.canceled, and a new attempt starts a new payment', async () => {
    const { customer, order, payment, intent } = await stripePayment();
    stripe.setIntentStatus(intent.id, 'canceled');
    await deliver(t, stripe.signed(stripe.event('payment_intent.canceled', stripe.intent(intent.id)))).expect(200, { received: true, duplicate: false });

    const res = await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled', clientSecret: null });
    expect(await auditTrail(t, payment.id)).toContainEqual(
      expect.objectContaining({ type: 'status_changed', from_status: 'pending', to_status: 'cancelled', source: 'stripe_webhook' }),
    );
    expect(await published(t, 'payments.payment-failed', payment.id)).toHaveLength(0);
    expect(await published(t, 'payments.payment-succeeded', payment.id)).toHaveLength(0);

    // The order is still payable: the cancelled intent is not reused.
    const again = await pay(t, customer, order.orderId, 'stripe').expect(201);
    expect(again.body).toMatchObject({ status: 'pending' });
    expect(again.body.id).not.toBe(payment.id);
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(2);
  });

  it('records a failed attempt, publishes payments.payment-failed, and still accepts a later success', async () => {
    const { customer, order, payment, intent } = await stripePayment();
    await deliver(t, stripe.signed(stripe.event('payment_intent.payment_failed', stripe.fail(intent.id, 'Insufficient funds.')))).expect(200);
    const failed = await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect(200);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'Insufficient funds.', clientSecret: intent.client_secret });
    const [event] = await published(t, 'payments.payment-failed', payment.id);
    expect(event.payload).toMatchObject({ orderId: order.orderId, provider: 'stripe', reason: 'Insufficient funds.' });

    // The customer tries again: the same intent, then another card works.
    const again = await pay(t, customer, order.orderId, 'stripe').expect(201);
    expect(again.body.id).toBe(payment.id);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect((r) => expect(r.body.status).toBe('succeeded'));
  });

  it('flags a capture whose amount does not match the order instead of accepting it', async () => {
    const { payment, intent } = await stripePayment(4999);
    stripe.succeed(intent.id, 100);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);

    const res = await t.http.get(`/api/v1/admin/payments/${payment.id}`).set(admin()).expect(200);
    expect(res.body).toMatchObject({ status: 'flagged', amountCaptured: 100, flagReason: expect.stringContaining('captured 100 EUR but 4999 EUR was due') });
    expect(res.body.events).toContainEqual(expect.objectContaining({ type: 'flagged', fromStatus: 'pending', toStatus: 'flagged', source: 'stripe_webhook' }));
    expect(await published(t, 'payments.payment-succeeded', payment.id)).toHaveLength(0);
    const flagged = await t.http.get('/api/v1/admin/payments?status=flagged').set(admin()).expect(200);
    expect(flagged.body.items.map((p: { id: string }) => p.id)).toContain(payment.id);
  });

  it('flags a capture in another currency', async () => {
    const { payment, intent } = await stripePayment(4999);
    stripe.succeed(intent.id);
    const snapshot = { ...stripe.intent(intent.id), currency: 'usd' };
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', snapshot))).expect(200);
    const res = await t.http.get(`/api/v1/admin/payments/${payment.id}`).set(admin()).expect(200);
    expect(res.body).toMatchObject({ status: 'flagged', amountCaptured: 0 });
    expect(await published(t, 'payments.payment-succeeded', payment.id)).toHaveLength(0);
  });
});
