import { randomUUID } from 'node:crypto';
import { bootApp, TestApp } from '../support/app';
import { createCategory, createProduct, uniqueWord } from './catalog-fixtures';
import { SqlCounter } from '../support/sql-counter';

/**
 * The query budget: a list, search or suggest request issues a fixed number of SQL statements
 * whatever the page size (no query per product). Counted on cache misses.
 */
describe('SQL statements per catalog request', () => {
  let t: TestApp;
  const sql = new SqlCounter();
  let word: string;
  let category: { id: string; slug: string };

  async function statements(path: string, expectedItems?: number): Promise<number> {
    const { res, statements } = await sql.get(t, path);
    expect(res.status).toBe(200);
    if (expectedItems !== undefined) expect(res.body.items).toHaveLength(expectedItems);
    return statements;
  }

  beforeAll(async () => {
    t = await bootApp();
    word = uniqueWord('budget');
    category = await createCategory(t);
    for (let i = 0; i < 60; i++) {
      await createProduct(t, {
        name: `${word} item ${i}`,
        categoryId: category.id,
        attributes: { brand: i % 2 ? 'acme' : 'zeta' },
        variants: [{ price: 1000 + i }, { price: 2000 + i }, { price: 3000 + i }],
      });
    }
    sql.install();
  });
  afterAll(async () => {
    sql.uninstall();
    await t.close();
  });

  it('lists any page size with one statement', async () => {
    const counts = [];
    for (const limit of [1, 20, 50]) {
      counts.push(await statements(`/api/v1/products?category=${category.slug}&sort=price&limit=${limit}`, limit));
      counts.push(await statements(`/api/v1/products?category=${category.slug}&attr.brand=acme&minPrice=1000&inStock=false&limit=${limit}`, Math.min(limit, 30)));
    }
    const first = await t.http.get(`/api/v1/products?category=${category.slug}&sort=name&limit=50`).expect(200);
    counts.push(await statements(`/api/v1/products?category=${category.slug}&sort=name&limit=50&cursor=${first.body.nextCursor}`, 10));
    expect(counts).toEqual(counts.map(() => 1));
  });

  it('searches, with total and facets, in one statement whatever the page size', async () => {
    const counts = [];
    for (const limit of [1, 20, 50]) {
      counts.push(await statements(`/api/v1/search?q=${word}&limit=${limit}`, limit));
      counts.push(await statements(`/api/v1/search?q=${word}%20item&attr.brand=acme&category=${category.slug}&limit=${limit}`, Math.min(limit, 30)));
    }
    expect(counts).toEqual(counts.map(() => 1));
  });

  it('answers concurrent misses of one page with one statement in all', async () => {
    const path = `/api/v1/search?q=${word}&sort=name&limit=7`;
    const ids = Array.from({ length: 10 }, () => `budget-${randomUUID()}`);
    await Promise.all(ids.map((id) => t.http.get(path).set('X-Request-Id', id).expect(200)));
    expect(ids.map((id) => sql.statements(id).length).reduce((a, b) => a + b)).toBe(1);
  });

  it('suggests in one statement and reads a product page in one', async () => {
    expect(await statements(`/api/v1/search/suggest?q=${word.slice(0, 7)}`, 10)).toBe(1);
    const page = await t.http.get(`/api/v1/products?category=${category.slug}&limit=1`).expect(200);
    expect(await statements(`/api/v1/products/${page.body.items[0].slug}`)).toBe(1);
  });
});
