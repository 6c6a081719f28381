import { DataSource } from 'typeorm';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, cancelOrder, deliver, pay, published, stripePaymentOf } from './payments-fixtures';

/**
 * Money Stripe captures after no order wants it any more goes back by itself: a `processing`
 * intent cannot be cancelled, so it may still succeed after its order was cancelled, or after the
 * customer paid the order another way.
 */
describe('payments: captures no order wants', () => {
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

  const refundsAtStripe = (intentId: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === intentId).map((r) => r.amount);
  const refusedCancel = (intentId: string) =>
    stripe.requests.some((r) => r.path === `/v1/payment_intents/${intentId}/cancel` && r.status === 400);
  const paymentDetail = async (paymentId: string) => (await t.http.get(`/api/v1/admin/payments/${paymentId}`).set(admin()).expect(200)).body;
  const captureLands = async (intentId: string) => {
    stripe.succeed(intentId);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intentId)))).expect(200);
  };

  it('refunds a capture that lands after its order was cancelled and the cancellation had nothing to refund', async () => {
    const { order, payment, intent } = await stripePaymentOf(t, stripe, 4999);
    stripe.setIntentStatus(intent.id, 'processing');

    const cancelled = await cancelOrder(t, order, false);
    const releaseMoney = `${cancelled.id}--OnOrderCancelledListener.releaseMoney`;
    await eventually(async () => expect(await t.app.get(Queues).get('payments').getJobState(releaseMoney)).toBe('completed'));
    expect(refusedCancel(intent.id)).toBe(true);
    expect(refundsAtStripe(intent.id)).toEqual([]);

    await captureLands(intent.id);
    await eventually(async () => expect(refundsAtStripe(intent.id)).toEqual([4999]));
    await eventually(async () => {
      const detail = await paymentDetail(payment.id);
      expect(detail).toMatchObject({ status: 'flagged', flagReason: 'the order was cancelled', amountCaptured: 4999, amountRefunded: 4999 });
      expect(detail.refunds).toEqual([expect.objectContaining({ amount: 4999, status: 'succeeded', reason: 'the order was cancelled' })]);
    });
    const issued = await published(t, 'payments.refund-issued', payment.id);
    expect(issued.map((e) => e.payload)).toEqual([expect.objectContaining({ amount: { amount: 4999, currency: 'EUR' }, fullyRefunded: true })]);
  });

  it('refunds a card capture that lands after the order was paid by bank transfer', async () => {
    const { customer, order, payment: card, intent } = await stripePaymentOf(t, stripe, 3500);
    stripe.setIntentStatus(intent.id, 'processing');
    const transfer = await pay(t, customer, order.orderId, 'manual').expect(201);
    await eventually(() => expect(refusedCancel(intent.id)).toBe(true));
    await t.http.post(`/api/v1/admin/payments/${transfer.body.id}/confirm`).set(admin()).expect(200);

    await captureLands(intent.id);
    await eventually(async () => expect(refundsAtStripe(intent.id)).toEqual([3500]));
    await eventually(async () =>
      expect(await paymentDetail(card.id)).toMatchObject({
        status: 'flagged',
        flagReason: 'the order was already paid by another payment',
        amountRefunded: 3500,
      }),
    );
    expect(await paymentDetail(transfer.body.id)).toMatchObject({ status: 'succeeded', amountRefunded: 0 });
  });

  it('leaves a capture of the wrong amount on an open order to staff', async () => {
    const { payment, intent } = await stripePaymentOf(t, stripe, 2500);
    stripe.succeed(intent.id, 100);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);
    await expect(paymentDetail(payment.id)).resolves.toMatchObject({ status: 'flagged', amountCaptured: 100 });
    // The refund job would be in the outbox with the flag, in the webhook's transaction.
    const jobs = await t.app.get(DataSource).query(
      `SELECT id FROM platform.outbox WHERE name = 'refund-unwanted-capture' AND envelope->'data'->>'paymentId' = $1`,
      [payment.id],
    );
    expect(jobs).toEqual([]);
    expect(refundsAtStripe(intent.id)).toEqual([]);
  });
});
