import { Client } from 'pg';
import { bootApp, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { createMigratedDatabase, dropDatabase } from '../support/test-database';
import { deleteRedisKeys } from './redis-keys';
/* eslint-disable @typescript-eslint/no-require-imports -- the seed is a plain Node script, as `npm run demo` runs it */
const { seedDemoShop } = require('../../scripts/demo-seed');
const { adminToken, call, seedProducts } = require('../../scripts/catalog-seeder');
const { CATEGORIES, productFixture } = require('../../scripts/catalog-fixtures');
/* eslint-enable @typescript-eslint/no-require-imports */

type Fixture = { product: { variants: { sku: string }[] }; stock: { sku: string; onHand: number }[] };

const PRODUCTS = 20;
const ADMIN = { email: 'seed-admin@example.test', password: 'seed-admin-password' };

/** What the seed writes, so that two snapshots show whether a run changed anything. */
async function snapshot(db: Client) {
  const rows = async (sql: string) => (await db.query(sql)).rows;
  return {
    categories: await rows('SELECT slug, updated_at FROM catalog.categories ORDER BY slug'),
    products: await rows('SELECT slug, updated_at FROM catalog.products ORDER BY slug'),
    variants: await rows('SELECT sku, updated_at FROM catalog.variants ORDER BY sku'),
    stock: await rows('SELECT sku, on_hand, updated_at FROM inventory.stock_items ORDER BY sku'),
    ledger: await rows('SELECT id FROM inventory.ledger_entries ORDER BY id'),
  };
}

// Its own database and Redis prefix: the demo catalog must not leak into the other tests' shop.
describe('the demo seed', () => {
  const database = `emporium_test_demo_seed_${process.pid}`;
  const redisPrefix = `${process.env.REDIS_PREFIX}-demo-seed`;
  let restoreEnv: () => void;
  let t: TestApp;
  let db: Client;
  let base: string;
  let categoryIds: Record<string, string>;
  const fixtures = (): Fixture[] => Array.from({ length: PRODUCTS }, (_, i) => productFixture(i, categoryIds));
  const seed = () => seedDemoShop(base, ADMIN.email, ADMIN.password, { products: PRODUCTS });

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const url = await createMigratedDatabase(database);
    restoreEnv = withEnv({ DATABASE_URL: url, REDIS_PREFIX: redisPrefix, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    t = await bootApp();
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    db = new Client({ connectionString: url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    restoreEnv?.();
    await dropDatabase(database);
    await deleteRedisKeys(redisPrefix);
    jest.restoreAllMocks();
  });

  const bySku = (a: { sku: string }, b: { sku: string }) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

  it('completes a seed cut off between a product and its stock, and keeps counts made since', async () => {
    // What a seed killed halfway leaves: five complete products, one without its stock, the rest missing.
    const token: string = await adminToken(base, ADMIN.email, ADMIN.password);
    await seedProducts(base, token, { to: 5, concurrency: 2 });
    categoryIds = Object.fromEntries(
      await Promise.all(CATEGORIES.map(async (c: { slug: string }) => [c.slug, (await call(base, undefined, 'GET', `/categories/${c.slug}`)).id])),
    );
    const cutOff = fixtures()[5];
    expect(cutOff.stock.some((s) => s.onHand > 0)).toBe(true);
    await call(base, token, 'POST', '/admin/products', cutOff.product);
    const counted = fixtures()[0].stock[0].sku;
    await call(base, token, 'PUT', `/admin/inventory/${counted}`, { onHand: 3 });

    await seed();

    const { rows: products } = await db.query(`SELECT count(*)::int AS n FROM catalog.products WHERE status = 'published'`);
    expect(products[0].n).toBe(PRODUCTS);
    const { rows: stock } = await db.query('SELECT sku, on_hand AS "onHand" FROM inventory.stock_items');
    const expected = fixtures()
      .flatMap((f) => f.stock)
      .map((s) => ({ sku: s.sku, onHand: s.sku === counted ? 3 : s.onHand }));
    expect(stock.sort(bySku)).toEqual(expected.sort(bySku));
  });

  it('changes nothing when the shop is already complete', async () => {
    const before = await snapshot(db);
    await seed();
    expect(await snapshot(db)).toEqual(before);
  });
});
