import { randomUUID } from 'node:crypto';
import { PaymentSucceeded } from '../../src/modules/payments/payments.events';
import { bootApp, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, customer, db, placeOrder, publishVariant, Shopper } from '../cart/fixtures';

describe('sales report', () => {
  let t: TestApp;
  const staff = admin();
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  const eur = (amount: number) => ({ amount, currency: 'EUR' });
  /** Pays the order, as if the payment had come in on `day` (the report's days are payment days). */
  const paidOn = async (order: { id: string; total: { amount: number } }, buyer: Shopper, day: string) => {
    await publishCommitted(
      t.app,
      new PaymentSucceeded({ paymentId: randomUUID(), orderId: order.id, customerId: buyer.userId, provider: 'manual', amount: eur(order.total.amount) }),
    );
    await db(t).query(`UPDATE orders.orders SET paid_at = $2 WHERE id = $1`, [order.id, `${day}T10:00:00Z`]);
  };

  it('sums paid orders per payment day and ranks products by units and revenue', async () => {
    const a = await publishVariant(t, { name: 'Mug', price: eur(1000) });
    const b = await publishVariant(t, { name: 'Teapot', price: eur(3000) });
    const buyer = customer();
    const o1 = await placeOrder(t, buyer, [{ variant: a, quantity: 3 }]); // 30.00 + 4.99
    const o2 = await placeOrder(t, buyer, [{ variant: b, quantity: 1 }, { variant: a, quantity: 1 }]); // 40.00 + 4.99
    const o3 = await placeOrder(t, buyer, [{ variant: b, quantity: 2 }]); // 60.00, free shipping
    const cancelledAfterPayment = await placeOrder(t, buyer, [{ variant: a, quantity: 5 }]);
    await placeOrder(t, buyer, [{ variant: a, quantity: 1 }]); // never paid
    const outside = await placeOrder(t, buyer, [{ variant: b, quantity: 1 }]);
    await paidOn(o1, buyer, '2001-03-10');
    await paidOn(o2, buyer, '2001-03-10');
    await paidOn(o3, buyer, '2001-03-12');
    await paidOn(cancelledAfterPayment, buyer, '2001-03-11');
    await t.http.post(`/api/v1/admin/orders/${cancelledAfterPayment.id}/transitions`).set(staff.auth).send({ to: 'cancelled' }).expect(200);
    await paidOn(outside, buyer, '2001-03-20');
    // Shipping does not take an order out of the report.
    await t.http.post(`/api/v1/admin/orders/${o3.id}/transitions`).set(staff.auth).send({ to: 'fulfilled' }).expect(200);

    const res = await t.http.get('/api/v1/admin/reports/sales?from=2001-03-10&to=2001-03-12').set(staff.auth).expect(200);
    expect(res.body).toEqual({
      from: '2001-03-10',
      to: '2001-03-12',
      currency: 'EUR',
      orders: 3,
      revenue: eur(3499 + 4499 + 6000),
      days: [
        { day: '2001-03-10', orders: 2, revenue: eur(7998) },
        { day: '2001-03-11', orders: 0, revenue: eur(0) },
        { day: '2001-03-12', orders: 1, revenue: eur(6000) },
      ],
      topProductsByUnits: [
        { productId: a.productId, name: 'Mug', units: 4, revenue: eur(4000) },
        { productId: b.productId, name: 'Teapot', units: 3, revenue: eur(9000) },
      ],
      topProductsByRevenue: [
        { productId: b.productId, name: 'Teapot', units: 3, revenue: eur(9000) },
        { productId: a.productId, name: 'Mug', units: 4, revenue: eur(4000) },
      ],
    });

    const top1 = await t.http.get('/api/v1/admin/reports/sales?from=2001-03-10&to=2001-03-12&top=1').set(staff.auth).expect(200);
    expect(top1.body.topProductsByUnits).toHaveLength(1);
  });

  it('defaults to the last 30 days and validates the range', async () => {
    const res = await t.http.get('/api/v1/admin/reports/sales').set(staff.auth).expect(200);
    expect(res.body.days).toHaveLength(30);
    expect(res.body.to).toBe(new Date().toISOString().slice(0, 10));
    await t.http.get('/api/v1/admin/reports/sales?from=2001-03-12&to=2001-03-10').set(staff.auth).expect(400);
    await t.http.get('/api/v1/admin/reports/sales?from=2001-02-30&to=2001-03-10').set(staff.auth).expect(400);
    await t.http.get('/api/v1/admin/reports/sales?from=0000-01-01&to=0000-01-02').set(staff.auth).expect(400);
    await t.http.get('/api/v1/admin/reports/sales?from=2001-03-10T00:00:00Z').set(staff.auth).expect(400);
    await t.http.get('/api/v1/admin/reports/sales?from=2000-01-01&to=2001-03-10').set(staff.auth).expect(400);
    // Without `from`, the default is counted back from `to`, which must be a day first.
    for (const to of ['2024-13-01', '2024-00-10', '2024-01-32', '2024-01-00']) {
      const refused = await t.http.get(`/api/v1/admin/reports/sales?to=${to}`).set(staff.auth).expect(400);
      expect(refused.body.errors).toEqual([{ field: 'to', message: 'to is not a date' }]);
    }
  });
});
