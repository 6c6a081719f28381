import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, deliver, idempotencyKey, published, stripePaymentOf } from './payments-fixtures';

describe('payments: Stripe refunds', () => {
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
});
