import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OnStockChangedListener } from '../../src/modules/catalog/on-stock-changed.listener';
import { StockChanged } from '../../src/modules/inventory/inventory.events';
import { bootApi, type TestApp } from '../support/app';
import { cartWith, checkoutBody, customer, publishVariant, type Variant } from '../cart/fixtures';

/**
 * The statements every order runs on its SKUs keep one generic plan per connection instead of being
 * planned again on each call. That depends on the tables' statistics (on near-empty tables every
 * plan costs the same), so the test first gives stock items and variants a shop's size. The app runs
 * on one pooled connection, whose prepared statements `pg_prepared_statements` then shows.
 */
describe('plans of the statements every order runs', () => {
  const SIZE = 20_000;
  let t: TestApp;
  let dataSource: DataSource;
  let variants: Variant[];
  const poolSize = process.env.DATABASE_POOL_SIZE;

  beforeAll(async () => {
    process.env.DATABASE_POOL_SIZE = '1';
    t = await bootApi();
    dataSource = t.app.get(DataSource);
    await dataSource.query(
      `INSERT INTO inventory.stock_items (sku, on_hand) SELECT 'PLANS-' || n, 5 FROM generate_series(1, $1::int) n`,
      [SIZE],
    );
    await dataSource.query(
      `INSERT INTO catalog.products (id, name, slug, version) SELECT gen_random_uuid(), 'Plans ' || n, 'plans-' || n, 1 FROM generate_series(1, $1::int) n`,
      [SIZE],
    );
    await dataSource.query(
      `INSERT INTO catalog.variants (id, product_id, sku, price, currency) SELECT gen_random_uuid(), id, 'PLANS-' || substr(slug, 7), 100, 'EUR' FROM catalog.products WHERE slug LIKE 'plans-%'`,
    );
    await dataSource.query(`ANALYZE inventory.stock_items, catalog.variants, catalog.products`);
    variants = [await publishVariant(t), await publishVariant(t)];
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM inventory.stock_items WHERE sku LIKE 'PLANS-%'`);
    await dataSource.query(`DELETE FROM catalog.variants WHERE sku LIKE 'PLANS-%'`);
    await dataSource.query(`DELETE FROM catalog.products WHERE slug LIKE 'plans-%'`);
    // The other tests share this database: leave them statistics of its real size.
    await dataSource.query(`ANALYZE inventory.stock_items, catalog.variants, catalog.products`);
    await t.close();
    if (poolSize === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = poolSize;
  });

  /** How each statement was planned on the connection: PostgreSQL tries five custom plans first. */
  const plans = async (names: string[]) =>
    (await dataSource.query(
      `SELECT name, custom_plans::int AS custom, generic_plans > 0 AS "reusesGenericPlan" FROM pg_prepared_statements WHERE name = ANY($1) ORDER BY name`,
      [names],
    )) as { name: string; custom: number; reusesGenericPlan: boolean }[];

  it('reserves and moves stock with generic plans after the first five orders', async () => {
    for (let i = 0; i < 8; i++) {
      const buyer = customer();
      const cartId = await cartWith(t, buyer, variants.map((variant) => ({ variant, quantity: 1 })));
      await t.http.post(`/api/v1/carts/${cartId}/checkout`).set(buyer.auth).set('Idempotency-Key', randomUUID()).send(checkoutBody()).expect(201);
    }
    expect(await plans(['inventory.apply-movements', 'inventory.reserve-and-lock'])).toEqual([
      { name: 'inventory.apply-movements', custom: 5, reusesGenericPlan: true },
      { name: 'inventory.reserve-and-lock', custom: 5, reusesGenericPlan: true },
    ]);
  });

  it("finds the products of an order's SKUs with a generic plan after five calls", async () => {
    const listener = t.app.get(OnStockChangedListener);
    const levels = ['PLANS-1', 'PLANS-2'].map((sku) => ({ sku, available: 4, inStock: true }));
    for (let i = 0; i < 8; i++) await listener.dropDetails([new StockChanged({ levels })], dataSource.manager);
    expect(await plans(['catalog.variants-of-skus'])).toEqual([{ name: 'catalog.variants-of-skus', custom: 5, reusesGenericPlan: true }]);
  });
});
