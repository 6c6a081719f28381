import { DataSource } from 'typeorm';
import { Queues } from '../../src/common/jobs/queues';
import { StockChanged } from '../../src/modules/inventory/inventory.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { admin, createCategory, createProduct, uniqueWord } from './catalog-fixtures';
import { SqlCounter } from '../support/sql-counter';

describe('caching of public catalog reads', () => {
  let t: TestApp;
  const sql = new SqlCounter();

  const get = (path: string, headers: Record<string, string> = {}) => sql.get(t, path, headers);

  /** Once the writes' events have been relayed, a read fills the cache and the next one is a hit. */
  async function expectCachedAfterFill(path: string): Promise<void> {
    await eventually(async () => {
      await get(path);
      expect((await get(path)).statements).toBe(0);
    }, 3000);
  }

  beforeAll(async () => {
    t = await bootApp();
    sql.install();
  });
  afterAll(async () => {
    sql.uninstall();
    await t.close();
  });

  it('sends ETag and Cache-Control, and answers 304 to If-None-Match', async () => {
    const category = await createCategory(t);
    const product = await createProduct(t, { categoryId: category.id });
    const paths = [
      `/api/v1/products/${product.slug}`,
      '/api/v1/products?limit=5',
      `/api/v1/products/${product.id}/reviews`,
      '/api/v1/categories',
      `/api/v1/categories/${category.slug}`,
      `/api/v1/search?q=${product.name.split(' ')[1]}`,
      '/api/v1/search/suggest?q=pro',
    ];
    for (const path of paths) {
      const { res } = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(res.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
      expect(res.headers['content-type']).toContain('application/json');
      const again = await get(path, { 'If-None-Match': res.headers.etag });
      expect(again.res.status).toBe(304);
      expect(again.res.text ?? '').toBe('');
      expect(again.res.headers.etag).toBe(res.headers.etag);
      const other = await get(path, { 'If-None-Match': '"something-else"' });
      expect(other.res.status).toBe(200);
    }
  });

  it("serves a product page from Redis and shows an admin's price change once the event is relayed", async () => {
    const product = await createProduct(t, { variants: [{ price: 1000 }] });
    const first = await get(`/api/v1/products/${product.id}`);
    expect(first.res.body.variants[0].price.amount).toBe(1000);
    expect(first.statements).toBe(1);
    await expectCachedAfterFill(`/api/v1/products/${product.id}`);
    expect((await get(`/api/v1/products/${product.id}`)).res.headers.etag).toBe(first.res.headers.etag);

    await t.http
      .patch(`/api/v1/admin/products/${product.id}/variants/${product.variants[0].id}`)
      .set(admin())
      .send({ price: 1500 })
      .expect(200);
    // Wait for the invalidation subscriber to have handled the change event, then read once.
    const db = t.app.get(DataSource);
    const [changed] = (await db.query(
      `SELECT id FROM platform.outbox WHERE name = 'catalog.product-changed' AND envelope->'payload'->>'productId' = $1
       ORDER BY occurred_at DESC LIMIT 1`,
      [product.id],
    )) as { id: string }[];
    const job = `${changed.id}--CacheInvalidationListener.onProductChanged`;
    await eventually(async () => expect(await t.app.get(Queues).get('catalog').getJobState(job)).toBe('completed'));
    const next = await get(`/api/v1/products/${product.id}`);
    expect(next.res.body.variants[0].price.amount).toBe(1500);
    expect(next.res.body.price.amount).toBe(1500);
    expect(next.res.headers.etag).not.toBe(first.res.headers.etag);
  });

  it('serves a product by slug from Redis and follows a slug change', async () => {
    const product = await createProduct(t);
    await expectCachedAfterFill(`/api/v1/products/${product.slug}`);
    const slug = `renamed-${uniqueWord()}`;
    await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({ slug }).expect(200);
    await eventually(async () => {
      expect((await get(`/api/v1/products/${product.slug}`)).res.status).toBe(404);
    }, 2000);
    expect((await get(`/api/v1/products/${slug}`)).res.body.id).toBe(product.id);
  });

  it('caches list pages and drops them when a product changes', async () => {
    const category = await createCategory(t);
    const product = await createProduct(t, { name: 'Before', categoryId: category.id });
    const path = `/api/v1/products?category=${category.slug}`;
    await expectCachedAfterFill(path);
    await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({ name: 'After' }).expect(200);
    await eventually(async () => {
      expect((await get(path)).res.body.items.map((i: { name: string }) => i.name)).toEqual(['After']);
    }, 2000);
  });

  it('shows availability per variant from a published inventory.stock-changed', async () => {
    const product = await createProduct(t, { variants: [{ price: 100 }, { price: 200 }] });
    const before = await get(`/api/v1/products/${product.id}`);
    expect(before.res.body.variants.map((v: { available: number; inStock: boolean }) => [v.available, v.inStock])).toEqual([
      [0, false],
      [0, false],
    ]);
    await publishCommitted(t.app, new StockChanged({ levels: [{ sku: product.variants[1].sku, available: 4, inStock: true }] }));
    await eventually(async () => {
      const { res } = await get(`/api/v1/products/${product.id}`);
      expect(res.body.variants.map((v: { available: number; inStock: boolean }) => [v.available, v.inStock])).toEqual([
        [0, false],
        [4, true],
      ]);
      expect(res.body.inStock).toBe(true);
    }, 2000);
    await publishCommitted(t.app, new StockChanged({ levels: [{ sku: product.variants[1].sku, available: 3, inStock: true }] }));
    await eventually(async () => {
      expect((await get(`/api/v1/products/${product.id}`)).res.body.variants[1].available).toBe(3);
    }, 2000);
  });

  it('drops the cached pages of every product whose stock changed together, as one batch', async () => {
    const products = [await createProduct(t), await createProduct(t)];
    const stocked = (available: number) => products.map((p) => new StockChanged({ levels: [{ sku: p.variants[0].sku, available, inStock: true }] }));
    // In stock first: a variant coming into stock also re-projects its listing, which drops the page anyway.
    await publishCommitted(t.app, ...stocked(5));
    await eventually(async () => {
      for (const product of products) expect((await get(`/api/v1/products/${product.id}`)).res.body.variants[0].available).toBe(5);
    }, 2000);
    for (const product of products) await expectCachedAfterFill(`/api/v1/products/${product.id}`);
    await publishCommitted(
      t.app,
      ...products.map((product, i) => new StockChanged({ levels: [{ sku: product.variants[0].sku, available: 7 + i, inStock: true }] })),
    );
    await eventually(async () => {
      const available = [];
      for (const product of products) available.push((await get(`/api/v1/products/${product.id}`)).res.body.variants[0].available);
      expect(available).toEqual([7, 8]);
    }, 2000);
  });

  it('caches the category tree and shows a renamed category everywhere', async () => {
    const category = await createCategory(t, { name: 'Old name' });
    const product = await createProduct(t, { categoryId: category.id });
    await expectCachedAfterFill(`/api/v1/products/${product.id}`);
    await expectCachedAfterFill('/api/v1/categories');
    expect((await get(`/api/v1/categories/${category.slug}`)).res.body.name).toBe('Old name');
    await t.http.patch(`/api/v1/admin/categories/${category.id}`).set(admin()).send({ name: 'New name' }).expect(200);
    await eventually(async () => {
      const tree = (await get('/api/v1/categories')).res.body.items;
      expect(tree.find((c: { id: string }) => c.id === category.id).name).toBe('New name');
      expect((await get(`/api/v1/categories/${category.slug}`)).res.body.name).toBe('New name');
      expect((await get(`/api/v1/products/${product.id}`)).res.body.category.name).toBe('New name');
      const list = (await get(`/api/v1/products?category=${category.slug}`)).res.body.items;
      expect(list[0].category.name).toBe('New name');
    }, 2000);
  });
});
