import { DataSource } from 'typeorm';
import { Queues } from '../../src/common/jobs/queues';
import type { OrderCancelled } from '../../src/modules/orders/orders.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { StripeEmulator } from '../support/stripe-emulator';
import { auditTrail, cancelOrder, deliver, published, stripePaymentOf } from './payments-fixtures';
import { StripeGate } from './stripe-gate';

const RELEASE_MONEY = 'OnOrderCancelledListener.releaseMoney';
const CANCEL_INTENT = /^POST \/v1\/payment_intents\/[^/]+\/cancel$/;
const CREATE_REFUND = /^POST \/v1\/refunds$/;

/**
 * What the payments module does at Stripe after an order is cancelled: no database transaction (and
 * no pooled connection inside one) waits on Stripe, and a subscriber that runs twice for the same
 * event neither refunds twice nor trips over the intent it already cancelled.
 */
describe('payments: Stripe calls for a cancelled order', () => {
  let t: TestApp;
  let stripe: StripeEmulator;
  let gate: StripeGate;
  let restoreEnv: () => void;

  beforeAll(async () => {
    stripe = await StripeEmulator.start();
    gate = await StripeGate.start(stripe);
    restoreEnv = withEnv(gate.env(stripe));
    t = await bootApp();
  });
  afterEach(() => gate.releaseAll());
  afterAll(async () => {
    await gate?.stop();
    await t?.close();
    await stripe?.stop();
    restoreEnv();
  });

  /** The app's connections that sit inside an open transaction, waiting on the app itself. */
  const idleInTransaction = (): Promise<{ pid: number; query: string }[]> =>
    t.app.get(DataSource).query(
      `SELECT pid, query FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'emporium' AND pid <> pg_backend_pid()
         AND state LIKE 'idle in transaction%'`,
    );
  // A transaction of the relay or of another subscriber may be caught between two statements; one
  // left open for the whole Stripe call never goes away, and fails this.
  const noTransactionWaitsOnStripe = () => eventually(async () => expect(await idleInTransaction()).toEqual([]));

  const paymentsQueue = () => t.app.get(Queues).get('payments');
  const jobState = (jobId: string) => paymentsQueue().getJobState(jobId);
  const firstDelivery = (event: OrderCancelled) => `${event.id}--${RELEASE_MONEY}`;
  /** The same event handed to the subscriber once more, as a re-relayed event or a stalled job is. */
  const redeliver = async (event: OrderCancelled): Promise<string> => {
    const jobId = `${event.id}--${RELEASE_MONEY}--again`;
    await paymentsQueue().add(RELEASE_MONEY, { event: event.toJSON() }, { ...t.app.get(Queues).defaultJobOptions, jobId });
    return jobId;
  };
  const bothCompleted = (event: OrderCancelled, again: string) =>
    eventually(async () => expect([await jobState(firstDelivery(event)), await jobState(again)]).toEqual(['completed', 'completed']));
  /**
   * Cancels the order and, while the first run's Stripe request `held` is held, starts a second run
   * of the same event; releases the first and waits for both runs to finish.
   */
  const cancelTwiceAtOnce = async (order: Parameters<typeof cancelOrder>[1], wasPaid: boolean, held: ReturnType<StripeGate['holdNext']>) => {
    const cancelled = await cancelOrder(t, order, wasPaid);
    await held.arrived;
    const again = await redeliver(cancelled);
    await eventually(async () => expect(['active', 'completed']).toContain(await jobState(again)));
    held.release();
    await bothCompleted(cancelled, again);
    return cancelled;
  };

  const paidStripePayment = async (total: number) => {
    const paid = await stripePaymentOf(t, stripe, total);
    stripe.succeed(paid.intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(paid.intent.id)))).expect(200);
    return paid;
  };
  const refundsAtStripe = (intentId: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === intentId).map((r) => r.amount);

  it('holds no transaction open while Stripe cancels the intent of a cancelled order', async () => {
    const { order, payment, intent, customer } = await stripePaymentOf(t, stripe);
    const held = gate.holdNext(CANCEL_INTENT);

    await cancelOrder(t, order, false);
    await held.arrived;
    await noTransactionWaitsOnStripe();

    held.release();
    await eventually(async () => {
      const res = await t.http.get(`/api/v1/payments/${payment.id}`).set(customer.auth).expect(200);
      expect(res.body.status).toBe('cancelled');
    });
    expect(stripe.intent(intent.id).status).toBe('canceled');
  });

  it('holds no transaction open while Stripe refunds a cancelled paid order', async () => {
    const { order, payment, intent } = await paidStripePayment(7000);
    const held = gate.holdNext(CREATE_REFUND);

    await cancelOrder(t, order, true);
    await held.arrived;
    await noTransactionWaitsOnStripe();

    held.release();
    await eventually(async () => expect(await published(t, 'payments.refund-issued', payment.id)).toHaveLength(1));
    expect(refundsAtStripe(intent.id)).toEqual([7000]);
  });

  it('refunds once when the subscriber runs twice for the same cancellation at the same time', async () => {
    const { order, payment, intent } = await paidStripePayment(6000);
    const seen = stripe.requests.length;
    const cancelled = await cancelTwiceAtOnce(order, true, gate.holdNext(CREATE_REFUND));

    expect(refundsAtStripe(intent.id)).toEqual([6000]);
    // However the two runs interleaved, whatever they asked of Stripe was the one refund, by its key.
    const asked = stripe.requests.slice(seen).filter((r) => r.path === '/v1/refunds');
    expect(new Set(asked.map((r) => r.idempotencyKey)).size).toBe(1);
    const events = await published(t, 'payments.refund-issued', payment.id);
    expect(events.map((e) => e.payload.amount)).toEqual([{ amount: 6000, currency: 'EUR' }]);
    const rows = await t.app.get(DataSource).query(`SELECT status, request_key FROM payments.refunds WHERE payment_id = $1`, [payment.id]);
    expect(rows).toEqual([{ status: 'succeeded', request_key: `order-cancelled-${cancelled.id}` }]);
  });

  it('cancels the intent once, harmlessly, when the subscriber runs twice for the same cancellation', async () => {
    const { order, payment, intent } = await stripePaymentOf(t, stripe);
    await cancelTwiceAtOnce(order, false, gate.holdNext(CANCEL_INTENT));

    expect(stripe.intent(intent.id).status).toBe('canceled');
    const toCancelled = (await auditTrail(t, payment.id)).filter((e) => e.to_status === 'cancelled');
    expect(toCancelled).toEqual([expect.objectContaining({ from_status: 'pending', source: 'order_cancelled' })]);
  });
});
