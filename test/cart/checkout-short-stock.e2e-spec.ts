import { randomUUID } from 'node:crypto';
import { INSUFFICIENT_STOCK } from '../../src/modules/inventory/inventory.events';
import { bootApp, TestApp } from '../support/app';
import { bearer } from '../support/tokens';
import { cartWith, checkoutBody, customer, db, publishVariant, Variant } from './fixtures';

describe('checkout when stock is short', () => {
  let t: TestApp;
  let plenty: Variant;
  let scarce: Variant;
  beforeAll(async () => {
    t = await bootApp();
    plenty = await publishVariant(t);
    scarce = await publishVariant(t, {}, 2);
  });
  afterAll(() => t.close());

  it('answers 409 listing the short SKUs and writes nothing', async () => {
    const buyer = customer();
    const cartId = await cartWith(t, buyer, [{ variant: plenty, quantity: 1 }, { variant: scarce, quantity: 3 }]);
    const key = randomUUID();
    const res = await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', key)
      .send(checkoutBody())
      .expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: INSUFFICIENT_STOCK, shortages: [{ sku: scarce.sku, requested: 3, available: 2 }] });

    const q = (sql: string) => db(t).query(sql, [buyer.userId]);
    expect(await q(`SELECT id FROM orders.orders WHERE customer_id = $1`)).toEqual([]);
    expect(await q(`SELECT id FROM platform.outbox WHERE envelope->'payload'->>'customerId' = $1`)).toEqual([]);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.status).toBe('active');
    const stock = await t.http.get(`/api/v1/admin/inventory/${scarce.sku}/ledger`).set(bearer({ role: 'admin' })).expect(200);
    expect(stock.body.items.map((e: { kind: string }) => e.kind)).toEqual(['receive']);

    // The failed attempt stored nothing under its key: once the cart fits the stock, the same request goes through.
    const line = cart.body.items.find((i: { variantId: string }) => i.variantId === scarce.variantId);
    await t.http.patch(`/api/v1/carts/${cartId}/items/${line.id}`).set(buyer.auth).send({ quantity: 2 }).expect(200);
    await t.http
      .post(`/api/v1/carts/${cartId}/checkout`)
      .set(buyer.auth)
      .set('Idempotency-Key', key)
      .send(checkoutBody())
      .expect(201);
  });
});
