import { DataSource } from 'typeorm';
import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { auditTrail, deliver, idempotencyKey, intentOf, newCustomer, pay, placeOrder, published, stripePaymentOf } from './payments-fixtures';

describe('payments: Stripe payment creation', () => {
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

  it('requires an Idempotency-Key (400) and creates nothing without one', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const res = await t.http.post('/api/v1/payments').set(customer.auth).send({ orderId: order.orderId, provider: 'stripe' }).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    const rows = await t.app.get(DataSource).query(`SELECT id FROM payments.payments WHERE order_id = $1`, [order.orderId]);
    expect(rows).toHaveLength(0);
    expect(stripe.createdIntents({ orderId: order.orderId })).toHaveLength(0);
  });

  it('answers 422 to the same Idempotency-Key with another body, and leaves the first payment alone', async () => {
    const customer = newCustomer();
    const order = await placeOrder(t, customer);
    const key = idempotencyKey();
    const first = await pay(t, customer, order.orderId, 'stripe', key).expect(201);
    // Switching to manual would otherwise cancel the open Stripe payment.
    const reused = await pay(t, customer, order.orderId, 'manual', key).expect(422);
    expect(reused.body.code).toBe('COMMON.IDEMPOTENCY_KEY_REUSED');
    const still = await t.http.get(`/api/v1/payments/${first.body.id}`).set(customer.auth).expect(200);
    expect(still.body).toMatchObject({ provider: 'stripe', status: 'pending' });
    const rows = await t.app.get(DataSource).query(`SELECT id FROM payments.payments WHERE order_id = $1`, [order.orderId]);
    expect(rows).toEqual([{ id: first.body.id }]);
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
