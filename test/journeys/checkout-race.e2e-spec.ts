import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INSUFFICIENT_STOCK } from '../../src/modules/inventory/inventory.events';
import { bootApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';
import { cartWith, checkoutBody, customer, publishVariant } from '../cart/fixtures';

describe('journey: 100 customers race for the last 5 units', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('sells exactly 5, answers the other 95 with 409, never oversells', async () => {
    const lamp = await publishVariant(t, { name: 'Brass lamp' }, 5);
    const buyers = Array.from({ length: 100 }, () => customer());
    const carts: string[] = [];
    for (const buyer of buyers) carts.push(await cartWith(t, buyer, [{ variant: lamp, quantity: 1 }]));

    const answers = await Promise.all(
      buyers.map((buyer, i) =>
        t.http.post(`/api/v1/carts/${carts[i]}/checkout`).set(buyer.auth).set('Idempotency-Key', randomUUID()).send(checkoutBody()),
      ),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(95);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({ code: INSUFFICIENT_STOCK, shortages: [{ sku: lamp.sku, requested: 1 }] });
    }

    const stock = await t.http.get(`/api/v1/admin/inventory/${lamp.sku}`).set(bearer({ role: 'admin' })).expect(200);
    expect(stock.body).toMatchObject({ onHand: 5, reserved: 5, available: 0 });
    const [open] = await t.app.get(DataSource).query(
      `SELECT coalesce(sum(l.quantity), 0)::int AS units, count(DISTINCT o.id)::int AS orders
       FROM orders.orders o JOIN orders.order_lines l ON l.order_id = o.id
       WHERE l.sku = $1 AND o.status = 'pending_payment'`,
      [lamp.sku],
    );
    expect(open).toEqual({ units: 5, orders: 5 });
  });
});
