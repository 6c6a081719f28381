import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootApp, eventually, TestApp } from '../support/app';
import { admin, customer, uniqueSku, uniqueWord } from './catalog-fixtures';

describe('reindexing the catalog after a bulk import', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('projects products written straight into the database', async () => {
    const word = uniqueWord('bulk');
    const id = randomUUID();
    const db = t.app.get(DataSource);
    await db.query(
      `INSERT INTO catalog.products (id, name, slug, status, attributes, version, published_at)
       VALUES ($1, $2, $3, 'published', '{"brand":"bulkco"}', 1, now())`,
      [id, `${word} crate`, `${word}-crate`],
    );
    await db.query(
      `INSERT INTO catalog.variants (id, product_id, sku, price, currency) VALUES ($1, $2, $3, 4200, 'EUR')`,
      [randomUUID(), id, uniqueSku()],
    );
    await t.http.get(`/api/v1/search?q=${word}`).expect(200, /"total":0/);

    await t.http.post('/api/v1/admin/catalog/reindex').set(customer()).expect(403);
    const res = await t.http.post('/api/v1/admin/catalog/reindex').set(admin()).expect(200);
    expect(res.body.products).toBeGreaterThanOrEqual(1);
    expect(res.body.changed).toBeGreaterThanOrEqual(1);

    await eventually(async () => {
      const found = await t.http.get(`/api/v1/search?q=${word}`).expect(200);
      expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    });
    const list = await t.http.get('/api/v1/products?attr.brand=bulkco').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const suggest = await t.http.get(`/api/v1/search/suggest?q=${word}`).expect(200);
    expect(suggest.body.items).toEqual([{ name: `${word} crate`, slug: `${word}-crate` }]);
  });
});
