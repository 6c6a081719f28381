import { DataSource } from 'typeorm';
import { bootApp, eventually, TestApp } from '../support/app';
import { lockWaits } from '../support/lock-waits';
import { admin, checkOutOrder, newCustomer, orderOf, pay } from './payments-fixtures';

/**
 * Paying locks the order's payable and payment and then, through `payments.payment-succeeded`, the
 * order; cancelling locks the order and then, through `orders.order-cancelled`, the payable. Both
 * take the order's lock first, so the two wait for each other instead of deadlocking.
 */
describe('a payment and a cancellation of the same order at the same moment', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('lets the payment finish and then refuses the cancellation of the paid order (409, no 500)', async () => {
    const customer = newCustomer();
    const order = await checkOutOrder(t, customer);
    const payment = (await pay(t, customer, order.orderId, 'manual').expect(201)).body as { id: string };

    // Holding the payment row stops the confirmation half-way, with what it locks before that held.
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM payments.payments WHERE id = $1 FOR UPDATE`, [payment.id]);
    const confirming = t.http.post(`/api/v1/admin/payments/${payment.id}/confirm`).set(admin()).then((res) => res);
    await eventually(async () => expect(await lockWaits(db)).toBe(1));
    const cancelling = t.http.post(`/api/v1/orders/${order.orderId}/cancel`).set(customer.auth).send({}).then((res) => res);
    await eventually(async () => expect(await lockWaits(db)).toBe(2));
    await holder.commitTransaction();
    await holder.release();

    const [confirmed, cancelled] = await Promise.all([confirming, cancelling]);
    expect([confirmed.status, cancelled.status]).toEqual([200, 409]);
    expect(cancelled.body.code).toBe('ORDERS.NOT_CANCELLABLE');
    expect(await orderOf(t, customer, order.orderId)).toMatchObject({ status: 'paid', payment: { status: 'paid', paymentId: payment.id } });
  });
});
