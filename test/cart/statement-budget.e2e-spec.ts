import { randomUUID } from 'node:crypto';
import { bootApp, TestApp } from '../support/app';
import { SqlCounter } from '../support/sql-counter';
import { cartWith, checkoutBody, customer, publishVariant, Variant } from './fixtures';

/**
 * On this kind of machine a write costs its round trips to PostgreSQL, not the SQL in them, so the
 * hot writes have a statement budget: a regression here is a regression in throughput.
 */
describe('SQL statements per cart write', () => {
  let t: TestApp;
  const sql = new SqlCounter();
  let variants: Variant[];

  beforeAll(async () => {
    t = await bootApp();
    variants = [await publishVariant(t), await publishVariant(t)];
    sql.install();
  });
  afterAll(async () => {
    sql.uninstall();
    await t.close();
  });

  it('adds to a cart in one statement', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant: variants[0], quantity: 1 }]);
    const requestId = sql.requestId();
    await t.http
      .post(`/api/v1/carts/${cartId}/items`)
      .set(buyer.auth)
      .set('X-Request-Id', requestId)
      .send({ variantId: variants[1].variantId, quantity: 2 })
      .expect(200);
    expect(sql.statements(requestId)).toHaveLength(1);
  });

  it('checks out a two-line cart within its budget, locking stock late', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, variants.map((variant) => ({ variant, quantity: 1 })));
    const requestId = sql.requestId();
    await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', randomUUID())
      .set('X-Request-Id', requestId)
      .send(checkoutBody())
      .expect(201);
    const statements = sql.statements(requestId);
    expect(statements.length).toBeLessThanOrEqual(11);
    // Every checkout of a SKU waits for its stock row lock: it is taken after the other modules' writes,
    // and held for as few round trips as the reservation, its projections and the commit need.
    const at = (fragment: string) => statements.findIndex((text) => text.includes(fragment));
    const stockLock = at('FROM inventory.stock_items');
    expect(stockLock).toBeGreaterThan(0);
    expect(at('COMMIT') - stockLock).toBeLessThanOrEqual(4);
    expect(at('INSERT INTO inventory.reservations')).toBe(stockLock);
    // The answer to the Idempotency-Key commits with the order: nothing is written after COMMIT.
    expect(at('UPDATE platform.idempotency_keys')).toBe(at('COMMIT') - 1);
    expect(statements[statements.length - 1]).toBe('COMMIT');
    for (const write of ['INSERT INTO orders.orders', 'INSERT INTO payments.payables', 'INSERT INTO notifications.order_contacts']) {
      expect(at(write)).toBeGreaterThan(0);
      expect(at(write)).toBeLessThan(stockLock);
    }
  });
});
