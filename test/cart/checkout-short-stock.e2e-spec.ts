import { Injectable, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../../src/app.module';
import { DomainError } from '../../src/common/errors/domain-error';
import { OnEvent } from '../../src/common/events/event-handler.decorators';
import { INSUFFICIENT_STOCK, StockShortage } from '../../src/modules/inventory/inventory.events';
import { OrderPlaced } from '../../src/modules/orders/orders.events';
import { bootApp, TestApp } from '../support/app';
import { cartWith, checkoutBody, customer, db, publishVariant, Variant } from './fixtures';

/**
 * Stands in for inventory (built on another branch): reserves in the checkout's transaction and
 * throws exactly what inventory's contract says it throws when a SKU is short.
 */
const SHORT_SKUS = new Map<string, number>();

@Injectable()
class ShortStockInventory {
  @OnEvent(OrderPlaced)
  async reserve(event: OrderPlaced): Promise<void> {
    const shortages: StockShortage[] = event.payload.lines
      .filter((l) => SHORT_SKUS.has(l.sku) && l.quantity > SHORT_SKUS.get(l.sku)!)
      .map((l) => ({ sku: l.sku, requested: l.quantity, available: SHORT_SKUS.get(l.sku)! }));
    if (shortages.length) {
      throw new DomainError('conflict', INSUFFICIENT_STOCK, 'Not enough stock for some items', { shortages });
    }
  }
}

@Module({ imports: [AppModule], providers: [ShortStockInventory] })
class AppWithShortStock {}

describe('checkout when stock is short', () => {
  let t: TestApp;
  let plenty: Variant;
  let scarce: Variant;
  beforeAll(async () => {
    t = await bootApp(AppWithShortStock);
    plenty = await publishVariant(t);
    scarce = await publishVariant(t);
    SHORT_SKUS.set(scarce.sku, 2);
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
    expect(await q(`SELECT order_id FROM cart.placed_orders WHERE customer_id = $1`)).toEqual([]);
    expect(await q(`SELECT id FROM platform.outbox WHERE envelope->'payload'->>'customerId' = $1`)).toEqual([]);
    const cart = await t.http.get(`/api/v1/carts/${cartId}`).set(buyer.auth).expect(200);
    expect(cart.body.status).toBe('active');

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
