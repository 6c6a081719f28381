import Stripe from 'stripe';
import { StripeEmulator } from '../support/stripe-emulator';

/** The emulator itself, driven by the real SDK: if it lies, every payments test lies with it. */
describe('Stripe emulator', () => {
  let emulator: StripeEmulator;
  let stripe: Stripe;

  beforeAll(async () => {
    emulator = await StripeEmulator.start();
    const { port, hostname } = new URL(emulator.url);
    stripe = new Stripe(emulator.secretKey, { host: hostname, port: Number(port), protocol: 'http', maxNetworkRetries: 0 });
  });
  afterAll(() => emulator.stop());
  afterEach(() => emulator.resetFaults());

  const params = { amount: 1999, currency: 'eur', metadata: { orderId: 'o1', paymentId: 'p1' } };

  it('creates, retrieves and cancels payment intents', async () => {
    const created = await stripe.paymentIntents.create(params);
    expect(created).toMatchObject({ object: 'payment_intent', amount: 1999, currency: 'eur', status: 'requires_payment_method', metadata: params.metadata });
    expect(created.client_secret).toMatch(new RegExp(`^${created.id}_secret_`));
    expect((await stripe.paymentIntents.retrieve(created.id)).id).toBe(created.id);
    expect((await stripe.paymentIntents.cancel(created.id)).status).toBe('canceled');
    await expect(stripe.paymentIntents.cancel(created.id)).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'payment_intent_unexpected_state' });
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('replays the first answer for the same key and parameters, and refuses other parameters', async () => {
    const key = `k-${Date.now()}`;
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    const again = await stripe.paymentIntents.create(params, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.paymentIntents.create({ ...params, amount: 2000 }, { idempotencyKey: key })).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
      statusCode: 400,
    });
    expect(emulator.createdIntents().filter((i) => i.id === first.id)).toHaveLength(1);
  });

  it('refunds up to what was captured', async () => {
    const intent = await stripe.paymentIntents.create(params);
    await expect(stripe.refunds.create({ payment_intent: intent.id })).rejects.toMatchObject({ code: 'charge_not_refundable' });
    emulator.succeed(intent.id);
    expect(await stripe.refunds.create({ payment_intent: intent.id, amount: 999 })).toMatchObject({ object: 'refund', amount: 999, status: 'succeeded' });
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1001 })).rejects.toMatchObject({ code: 'amount_too_large' });
    expect((await stripe.refunds.create({ payment_intent: intent.id })).amount).toBe(1000);
    expect(emulator.chargeOf(intent.id)).toMatchObject({ amount_refunded: 1999, refunded: true });
  });

  it('injects 500s and slow answers, and refuses a wrong key', async () => {
    emulator.failNext(1);
    await expect(stripe.paymentIntents.create(params)).rejects.toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
    emulator.delayNext(300);
    await expect(stripe.paymentIntents.create(params, { timeout: 100 })).rejects.toMatchObject({ type: 'StripeConnectionError' });
    const wrongKey = new Stripe('sk_test_wrong', { host: '127.0.0.1', port: Number(new URL(emulator.url).port), protocol: 'http' });
    await expect(wrongKey.paymentIntents.create(params)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('signs webhooks that the SDK verifies', () => {
    const event = emulator.event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' });
    const { body, signature } = emulator.signed(event);
    expect(stripe.webhooks.constructEvent(body, signature, emulator.webhookSecret).id).toBe(event.id);
    expect(() => stripe.webhooks.constructEvent(body, signature, 'whsec_other')).toThrow();
  });
});
