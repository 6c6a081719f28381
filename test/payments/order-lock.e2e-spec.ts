import { DataSource } from 'typeorm';
import { lockKey } from '../../src/common/database/advisory-lock';
import { orderLockKey } from '../../src/modules/orders/orders.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { lockWaits } from '../support/lock-waits';
import { StripeEmulator } from '../support/stripe-emulator';
import { admin, checkOutOrder, deliver, idempotencyKey, intentOf, newCustomer, orderOf, pay } from './payments-fixtures';
import { StripeGate } from './stripe-gate';

/**
 * Payments and orders reach each other's rows through in-transaction events (paying reaches the
 * order, cancelling reaches the payable, a refund reaches the order). Each transaction takes the
 * order's lock (`orderLockKey`) before any row of the order, so they queue instead of deadlocking.
 */
describe('the order lock, shared by payments and orders', () => {
  let t: TestApp;
  let db: DataSource;
  let stripe: StripeEmulator;
  let gate: StripeGate;
  let restoreEnv: () => void;

  beforeAll(async () => {
    stripe = await StripeEmulator.start();
    gate = await StripeGate.start(stripe);
    restoreEnv = withEnv(gate.env(stripe));
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterEach(() => gate.releaseAll());
  afterAll(async () => {
    await gate?.stop();
    await t?.close();
    await stripe?.stop();
    restoreEnv();
  });

  /** A transaction of the test's own that holds `sql`'s locks until `release`. */
  const hold = async (sql: string, params: unknown[]) => {
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(sql, params);
    return {
      manager: holder.manager,
      release: async () => {
        await holder.commitTransaction();
        await holder.release();
      },
    };
  };

  it('lets a payment finish and then refuses the cancellation of the paid order (409, no 500)', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer);
    const payment = (await pay(t, customer, order.orderId, 'manual').expect(201)).body as { id: string };

    // Holding the payment row stops the confirmation half-way, with what it locks before that held.
    const holder = await hold(`SELECT 1 FROM payments.payments WHERE id = $1 FOR UPDATE`, [payment.id]);
    const confirming = t.http.post(`/api/v1/admin/payments/${payment.id}/confirm`).set(admin()).then((res) => res);
    await eventually(async () => expect(await lockWaits(db)).toBe(1));
    const cancelling = t.http.post(`/api/v1/orders/${order.orderId}/cancel`).set(customer.auth).send({}).then((res) => res);
    await eventually(async () => expect(await lockWaits(db)).toBe(2));
    await holder.release();

    const [confirmed, cancelled] = await Promise.all([confirming, cancelling]);
    expect([confirmed.status, cancelled.status]).toEqual([200, 409]);
    expect(cancelled.body.code).toBe('ORDERS.NOT_CANCELLABLE');
    expect(await orderOf(t, customer, order.orderId)).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: payment.id } });
  });

  it('completes a refund after Stripe answered without holding the payment while it waits for the order, so a webhook queues behind it', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer, 6000);
    const payment = (await pay(t, customer, order.orderId, 'stripe').expect(201)).body as { id: string };
    const intent = intentOf(stripe, payment.id);
    stripe.succeed(intent.id);
    await deliver(t, stripe.signed(stripe.event('payment_intent.succeeded', stripe.intent(intent.id)))).expect(200);

    const atStripe = gate.holdNext(/^POST \/v1\/refunds$/);
    const refunding = t.http
      .post(`/api/v1/admin/payments/${payment.id}/refunds`)
      .set(admin())
      .set('Idempotency-Key', idempotencyKey())
      .send({ amount: 1000 })
      .then((res) => res);
    await atStripe.arrived;
    const holder = await hold(`SELECT 1`, []);
    await lockKey(holder.manager, orderLockKey(order.orderId));
    atStripe.release();
    await eventually(async () => expect(await lockWaits(db)).toBe(1));

    // A refund that locked the payment before the order would deadlock with the webhook below.
    const free = await hold(`SELECT 1 FROM payments.payments WHERE id = $1 FOR UPDATE NOWAIT`, [payment.id]);
    await free.release();
    const charge = stripe.chargeOf(intent.id);
    const webhook = deliver(t, stripe.signed(stripe.event('charge.refunded', charge))).then((res) => res);
    await eventually(async () => expect(await lockWaits(db)).toBe(2));
    await holder.release();

    const [refunded, delivered] = await Promise.all([refunding, webhook]);
    expect([refunded.status, delivered.status]).toEqual([201, 200]);
    const detail = await t.http.get(`/api/v1/admin/payments/${payment.id}`).set(admin()).expect(200);
    expect(detail.body).toMatchObject({ status: 'succeeded', amountRefunded: 1000 });
    expect(detail.body.refunds).toEqual([expect.objectContaining({ amount: 1000, status: 'succeeded' })]);
  });
});
