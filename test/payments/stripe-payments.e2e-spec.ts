import { DataSource } from 'typeorm';
import { bootApp, eventually, TestApp } from '../support/app';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, auditTrail, deliver, idempotencyKey, intentOf, newCustomer, pay, placeOrder, published } from './payments-fixtures';

describe('payments: Stripe', () => {
  let t: TestApp;
  let stripe: StripeEmulator;

  beforeAll(async () => {
    stripe = await StripeEmulator.start();
    Object.assign(process.env, stripe.env());
    t = await bootApp();
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.stop();
  });
  afterEach(() => stripe.resetFaults());

  /** An order and its open Stripe payment. */
  async function stripePayment(total = 4999) {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, total);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    return { customer, order, payment: res.body as { id: string; status: string; clientSecret: string }, intent: intentOf(stripe, res.body.id) };
  }

  it('creates a PaymentIntent for the order amount and a signed payment_intent.succeeded publishes payments.payment-succeeded', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, 4999);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    expect(res.body).toMatchObject({ provider: 'stripe', status: 'pending', amount: 4999, currency: 'EUR', orderId: order.orderId });

    const intent = intentOf(stripe, res.body.id);
    expect(intent).toMatchObject({ amount: 4999, currency: 'eur', metadata: { orderId: order.orderId, paymentId: res.body.id } });
    expect(res.body.clientSecret).toBe(intent.client_secret);
    const create = stripe.requests.find((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && r.idempotencyKey?.includes(res.body.id));
    expect(create?.idempotencyKey).toBe(`emporium-payment-${res.body.id}`);

    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200, { received: true, duplicate: false });

    const paid = await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect(200);
    expect(paid.body).toMatchObject({ status: 'succeeded', clientSecret: null });
    const [event, ...more] = await published(t, 'payments.payment-succeeded', res.body.id);
    expect(more).toHaveLength(0);
    expect(event.payload).toEqual({
      paymentId: res.body.id,
      orderId: order.orderId,
      customerId: customer.userId,
      provider: 'stripe',
      amount: { amount: 4999, currency: 'EUR' },
    });
    expect(await auditTrail(t, res.body.id)).toEqual([
      expect.objectContaining({ type: 'created', to_status: 'creating', source: 'customer' }),
      expect.objectContaining({ type: 'intent_created' }),
      expect.objectContaining({ type: 'status_changed', from_status: 'creating', to_status: 'pending' }),
      expect.objectContaining({ type: 'status_changed', from_status: 'pending', to_status: 'succeeded', source: 'stripe_webhook' }),
    ]);
  });

  it('never trusts an amount from the client', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer, 2500);
    const res = await t.http
      .post('/api/v1/payments')
      .set(customer.auth)
      .set('Idempotency-Key', idempotencyKey())
      .send({ orderId: order.orderId, provider: 'stripe', amount: 1 })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'amount' })]);
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(0);
  });

  it('reuses the open intent on a second payment attempt for the same order', async () => {
    const { customer, order, payment, intent } = await stripePayment();
    const again = await pay(t, customer, order.orderId, 'stripe').expect(201);
    expect(again.body).toMatchObject({ id: payment.id, clientSecret: intent.client_secret });
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(1);
  });

  it('creates one PaymentIntent when the same Idempotency-Key is replayed', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const key = idempotencyKey();
    const first = await pay(t, customer, order.orderId, 'stripe', key).expect(201);
    const replay = await pay(t, customer, order.orderId, 'stripe', key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(1);
  });

  it('survives a 500 from Stripe without creating a second intent', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    // Stripe did the work but the answer was lost: the SDK retries with the same idempotency key.
    stripe.failNext(1, { afterProcessing: true, match: /^POST \/v1\/payment_intents$/ });
    const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
    const intent = intentOf(stripe, res.body.id);
    expect(res.body).toMatchObject({ status: 'pending', clientSecret: intent.client_secret });
    const attempts = stripe.requests.filter((r) => r.idempotencyKey === `emporium-payment-${res.body.id}`);
    expect(attempts.map((a) => [a.status, a.replayed])).toEqual([
      [500, false],
      [200, true],
    ]);

    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    await t.http.get(`/api/v1/payments/${res.body.id}`).set(customer.auth).expect(200).expect((r) => expect(r.body.status).toBe('succeeded'));
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(1);
  });

  it('answers 503 when Stripe stays down, and the retry with the same key finishes the same payment', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const key = idempotencyKey();
    stripe.failNext(3, { match: /^POST \/v1\/payment_intents$/ });
    const down = await pay(t, customer, order.orderId, 'stripe', key).expect(503);
    expect(down.body.code).toBe('PAYMENTS.PROVIDER_UNAVAILABLE');
    const retry = await pay(t, customer, order.orderId, 'stripe', key).expect(201);
    expect(retry.body.status).toBe('pending');
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(1);
  });

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

  it('keeps a succeeded payment succeeded when payment_failed arrives after it', async () => {
    const { customer, payment, intent } = await stripePayment();
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

  it('refunds partially up to the captured amount; one more is 409', async () => {
    const { payment, intent } = await stripePayment(5000);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    const refund = (amount: number | undefined, key = idempotencyKey()) =>
      t.http.post(`/api/v1/admin/payments/${payment.id}/refunds`).set(admin()).set('Idempotency-Key', key).send({ amount, reason: 'partial' });

    const key = idempotencyKey();
    const first = await refund(2000, key).expect(201);
    expect(first.body).toMatchObject({ amount: 2000, currency: 'EUR', status: 'succeeded', providerRef: expect.stringMatching(/^re_/) });
    await refund(2000, key).expect(201).expect((r) => expect(r.body.id).toBe(first.body.id));
    await refund(2000).expect(201);
    const over = await refund(1001).expect(409);
    expect(over.body).toMatchObject({ code: 'PAYMENTS.REFUND_EXCEEDS_CAPTURED', refundable: { amount: 1000, currency: 'EUR' } });
    const last = await refund(undefined).expect(201);
    expect(last.body.amount).toBe(1000);
    expect((await refund(1).expect(409)).body.code).toBe('PAYMENTS.REFUND_EXCEEDS_CAPTURED');

    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intent.id).map((r) => r.amount)).toEqual([2000, 2000, 1000]);
    const events = await published(t, 'payments.refund-issued', payment.id);
    expect(events.map((e) => [e.payload.amount, e.payload.totalRefunded, e.payload.fullyRefunded])).toEqual([
      [{ amount: 2000, currency: 'EUR' }, { amount: 2000, currency: 'EUR' }, false],
      [{ amount: 2000, currency: 'EUR' }, { amount: 4000, currency: 'EUR' }, false],
      [{ amount: 1000, currency: 'EUR' }, { amount: 5000, currency: 'EUR' }, true],
    ]);
    const detail = await t.http.get(`/api/v1/admin/payments/${payment.id}`).set(admin()).expect(200);
    expect(detail.body).toMatchObject({ status: 'refunded', amountRefunded: 5000 });
    expect(detail.body.refunds).toHaveLength(3);

    // Stripe tells us about the refunds it made: nothing new to record.
    await deliver(t, stripe.signed(stripe.event('charge.refunded', stripe.chargeOf(intent.id)))).expect(200);
    expect(await published(t, 'payments.refund-issued', payment.id)).toHaveLength(3);
  });

  it('finishes a refund Stripe could not answer with a retry of the same key, never refunding twice', async () => {
    const { payment, intent } = await stripePayment(5000);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    const key = idempotencyKey();
    const refund = () => t.http.post(`/api/v1/admin/payments/${payment.id}/refunds`).set(admin()).set('Idempotency-Key', key).send({ amount: 1500 });

    // Stripe refunds, but every answer (the SDK's retries included) is lost.
    stripe.failNext(3, { afterProcessing: true, match: /^POST \/v1\/refunds$/ });
    expect((await refund().expect(503)).body.code).toBe('PAYMENTS.PROVIDER_UNAVAILABLE');
    expect(await published(t, 'payments.refund-issued', payment.id)).toHaveLength(0);
    // While it is in flight it counts: nothing more than what is left may be asked.
    await t.http.post(`/api/v1/admin/payments/${payment.id}/refunds`).set(admin()).set('Idempotency-Key', idempotencyKey()).send({ amount: 3501 }).expect(409);

    const done = await refund().expect(201);
    expect(done.body).toMatchObject({ amount: 1500, status: 'succeeded' });
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intent.id)).toHaveLength(1);
    expect(await published(t, 'payments.refund-issued', payment.id)).toHaveLength(1);
  });

  it('records a refund made in the Stripe dashboard from charge.refunded', async () => {
    const { payment, intent } = await stripePayment(3000);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    const charge = { ...stripe.chargeOf(intent.id), amount_refunded: 1200 };
    const delivery = stripe.signed(stripe.event('charge.refunded', charge));
    await deliver(t, delivery).expect(200);
    await deliver(t, delivery).expect(200);
    const [event, ...more] = await published(t, 'payments.refund-issued', payment.id);
    expect(more).toHaveLength(0);
    expect(event.payload).toMatchObject({ amount: { amount: 1200, currency: 'EUR' }, fullyRefunded: false, restock: false });
  });

  it("answers 404 for another customer's payment and order", async () => {
    const { order, payment } = await stripePayment();
    const stranger = newCustomer();
    const res = await t.http.get(`/api/v1/payments/${payment.id}`).set(stranger.auth).expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await pay(t, stranger, order.orderId, 'stripe').expect(404);
    await t.http.get('/api/v1/payments/not-a-uuid').set(stranger.auth).expect(404);
    await t.http.get(`/api/v1/payments/${payment.id}`).expect(401);
  });

  it('refuses to pay an order that is already paid', async () => {
    const { customer, order, intent } = await stripePayment();
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    const res = await pay(t, customer, order.orderId, 'stripe').expect(409);
    expect(res.body.code).toBe('PAYMENTS.ORDER_ALREADY_PAID');
  });
});
