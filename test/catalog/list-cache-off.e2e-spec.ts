import { bootApp, eventually, TestApp } from '../support/app';
import { createProduct, uniqueWord } from './catalog-fixtures';
import { SqlCounter } from '../support/sql-counter';

process.env.CATALOG_LIST_CACHE_TTL_SECONDS = '0';

describe('list cache turned off (CATALOG_LIST_CACHE_TTL_SECONDS=0)', () => {
  let t: TestApp;
  const sql = new SqlCounter();

  async function statements(path: string): Promise<number> {
    const { res, statements } = await sql.get(t, path);
    expect(res.status).toBe(200);
    return statements;
  }

  beforeAll(async () => {
    t = await bootApp();
    sql.install();
  });
  afterAll(async () => {
    sql.uninstall();
    await t.close();
    delete process.env.CATALOG_LIST_CACHE_TTL_SECONDS;
  });

  it('reads every list, search and suggest page from the database', async () => {
    const word = uniqueWord('nocache');
    await createProduct(t, { name: `${word} lamp` });
    for (const path of ['/api/v1/products?limit=5', `/api/v1/search?q=${word}`, `/api/v1/search/suggest?q=${word.slice(0, 6)}`]) {
      expect([await statements(path), await statements(path)]).toEqual([1, 1]);
    }
  });

  it('still caches product details', async () => {
    const product = await createProduct(t);
    const path = `/api/v1/products/${product.slug}`;
    await eventually(async () => {
      await statements(path);
      expect(await statements(path)).toBe(0);
    }, 3000);
  });
});
