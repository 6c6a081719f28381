import { DataSource } from 'typeorm';
import { StockChanged } from '../../src/modules/inventory/inventory.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { createCategory, createProduct, CreatedProduct, uniqueWord } from './catalog-fixtures';

interface Card {
  id: string;
  name: string;
  price: { amount: number };
  inStock: boolean;
  publishedAt: string;
}

describe('product list', () => {
  let t: TestApp;
  let root: { id: string; slug: string };
  let shoes: { id: string; slug: string };
  let boots: { id: string; slug: string };
  let hats: { id: string; slug: string };
  const made: Record<string, CreatedProduct> = {};

  /** Every page of a list, following nextCursor; `between` runs before each next page. */
  async function allPages(query: string, between: (page: number) => Promise<void> = async () => undefined): Promise<Card[]> {
    const items: Card[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { body: { items: Card[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/products?${query}${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (!cursor) return items;
      await between(page);
    }
    throw new Error('too many pages');
  }

  const names = (cards: Card[]) => cards.map((c) => c.name);

  beforeAll(async () => {
    t = await bootApp();
    root = await createCategory(t, { name: `Footwear ${uniqueWord()}` });
    shoes = await createCategory(t, { name: `Shoes ${uniqueWord()}`, parentId: root.id });
    boots = await createCategory(t, { name: `Boots ${uniqueWord()}`, parentId: shoes.id });
    hats = await createCategory(t, { name: `Hats ${uniqueWord()}` });
    const specs = [
      { name: 'Ankle boot', categoryId: boots.id, price: 8000, attributes: { brand: 'acme', colour: 'black' } },
      { name: 'bright sneaker', categoryId: shoes.id, price: 5000, attributes: { brand: 'zeta', colour: 'white' } },
      { name: 'Court shoe', categoryId: shoes.id, price: 5000, attributes: { brand: 'acme', colour: 'red' } },
      { name: 'Derby', categoryId: root.id, price: 12000, attributes: { brand: 'omega', colour: 'black' } },
      { name: 'Espadrille', categoryId: shoes.id, price: 2500, attributes: { brand: 'zeta', colour: 'blue' } },
      { name: 'Fedora', categoryId: hats.id, price: 3000, attributes: { brand: 'acme', colour: 'black' } },
    ];
    for (const s of specs) {
      made[s.name] = await createProduct(t, {
        name: s.name,
        categoryId: s.categoryId,
        attributes: s.attributes,
        variants: [{ price: s.price }, { price: s.price + 700 }],
      });
    }
  });
  afterAll(() => t.close());

  it('shows cards with variants, prices and the first image', async () => {
    const res = await t.http.get(`/api/v1/products?category=${hats.slug}`).expect(200);
    expect(res.body).toEqual({
      items: [
        {
          id: made.Fedora.id,
          slug: made.Fedora.slug,
          name: 'Fedora',
          category: { id: hats.id, slug: hats.slug, name: expect.any(String) },
          image: null,
          price: { amount: 3000, currency: 'EUR' },
          maxPrice: { amount: 3700, currency: 'EUR' },
          inStock: false,
          rating: { average: null, count: 0 },
          publishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
          variants: made.Fedora.variants.map((v) => ({
            id: v.id,
            sku: v.sku,
            options: {},
            price: { amount: v.price.amount, currency: 'EUR' },
            compareAtPrice: null,
            inStock: false,
          })),
        },
      ],
      nextCursor: null,
    });
  });

  it('filters by category including its descendants, by slug or id', async () => {
    expect(names(await allPages(`category=${root.slug}&sort=name`))).toEqual([
      'Ankle boot', 'bright sneaker', 'Court shoe', 'Derby', 'Espadrille',
    ]);
    expect(names(await allPages(`category=${shoes.id}&sort=name`))).toEqual(['Ankle boot', 'bright sneaker', 'Court shoe', 'Espadrille']);
    expect(names(await allPages(`category=${boots.slug}`))).toEqual(['Ankle boot']);
    expect(await allPages('category=no-such-category')).toEqual([]);
  });

  it('filters by the from-price, bounds included', async () => {
    expect(names(await allPages(`category=${root.slug}&minPrice=5000&maxPrice=8000&sort=name`))).toEqual([
      'Ankle boot', 'bright sneaker', 'Court shoe',
    ]);
  });

  it('filters by attributes: any of the values of a key, every key', async () => {
    expect(names(await allPages(`category=${root.slug}&attr.brand=acme&sort=name`))).toEqual(['Ankle boot', 'Court shoe']);
    expect(names(await allPages(`category=${root.slug}&attr[brand]=zeta&sort=name`))).toEqual(['bright sneaker', 'Espadrille']);
    expect(names(await allPages(`category=${root.slug}&attr.colour=black&attr.colour=red&sort=name`))).toEqual([
      'Ankle boot', 'Court shoe', 'Derby',
    ]);
    expect(names(await allPages(`category=${root.slug}&attr.colour=black&attr.brand=acme`))).toEqual(['Ankle boot']);
  });

  it('filters on availability from inventory.stock-changed', async () => {
    const sku = made['Court shoe'].variants[1].sku;
    await publishCommitted(t.app, new StockChanged({ levels: [{ sku, available: 3, inStock: true }] }));
    await eventually(async () => {
      expect(names(await allPages(`category=${root.slug}&inStock=true`))).toEqual(['Court shoe']);
    });
    const card = (await allPages(`category=${root.slug}&inStock=true`))[0] as Card & { variants: { inStock: boolean }[] };
    expect(card.inStock).toBe(true);
    expect(card.variants.map((v) => v.inStock)).toEqual([false, true]);
    expect(names(await allPages(`category=${root.slug}&inStock=false&sort=name`))).toEqual([
      'Ankle boot', 'bright sneaker', 'Derby', 'Espadrille',
    ]);
    await publishCommitted(t.app, new StockChanged({ levels: [{ sku, available: 0, inStock: false }] }));
    await eventually(async () => {
      expect(await allPages(`category=${root.slug}&inStock=true`)).toEqual([]);
    });
  });

  it('re-projects a listing only when a variant goes in or out of stock, not as its quantity moves', async () => {
    const sku = made['Derby'].variants[0].sku;
    for (const available of [5, 4, 3, 0, 2]) {
      await publishCommitted(t.app, new StockChanged({ levels: [{ sku, available, inStock: available > 0 }] }));
    }
    const flips = (await t.app.get(DataSource).query(
      `SELECT envelope->'payload'->>'inStock' AS "inStock" FROM platform.outbox
       WHERE name = 'catalog.variant-stock-flipped' AND envelope->'payload'->>'sku' = $1 ORDER BY occurred_at`,
      [sku],
    )) as { inStock: string }[];
    expect(flips.map((f) => f.inStock)).toEqual(['true', 'false', 'true']);
    await eventually(async () => {
      expect(names(await allPages(`category=${root.slug}&inStock=true`))).toEqual(['Derby']);
    });
  });

  it('sorts by price both ways, by name case-insensitively, and newest first', async () => {
    const byPrice = await allPages(`category=${root.slug}&sort=price&limit=2`);
    expect(byPrice.map((c) => c.price.amount)).toEqual([2500, 5000, 5000, 8000, 12000]);
    const tie = [made['bright sneaker'].id, made['Court shoe'].id].sort();
    expect(byPrice.slice(1, 3).map((c) => c.id)).toEqual(tie);
    const byPriceDesc = await allPages(`category=${root.slug}&sort=-price&limit=2`);
    expect(byPriceDesc.map((c) => c.id)).toEqual(byPrice.map((c) => c.id).reverse());
    expect(names(await allPages(`category=${root.slug}&sort=name&limit=1`))).toEqual([
      'Ankle boot', 'bright sneaker', 'Court shoe', 'Derby', 'Espadrille',
    ]);
    expect(names(await allPages(`category=${root.slug}&limit=3`))).toEqual([
      'Espadrille', 'Derby', 'Court shoe', 'bright sneaker', 'Ankle boot',
    ]);
  });

  it('pages exactly, without duplicates or gaps, while products are being added', async () => {
    const category = await createCategory(t);
    const prices = [100, 200, 200, 300, 400, 500, 500, 600, 700, 800, 900, 1000];
    const before: CreatedProduct[] = [];
    for (const [i, price] of prices.entries()) {
      before.push(await createProduct(t, { name: `Item ${String(i).padStart(2, '0')}`, categoryId: category.id, variants: [{ price }] }));
    }
    for (const sort of ['price', '-price', 'newest', 'name']) {
      let added = 0;
      const seen = await allPages(`category=${category.slug}&sort=${sort}&limit=3`, async () => {
        // New products land on both sides of the cursor.
        for (const [prefix, price] of [['AAA', 50], ['ZZZ', 5000]] as const) {
          await createProduct(t, { name: `${prefix} new ${sort} ${added++}`, categoryId: category.id, variants: [{ price }] });
        }
      });
      const ids = seen.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(before.map((p) => p.id)));
      const keys = seen.map((c) => (sort.includes('price') ? c.price.amount : sort === 'name' ? c.name.toLowerCase() : c.publishedAt));
      const ordered = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(sort === 'price' || sort === 'name' ? ordered : ordered.reverse());
    }
  });

  it('refuses unknown parameters, bad attribute keys, foreign cursors and oversized pages', async () => {
    const unknown = await t.http.get('/api/v1/products?colour=red').expect(400);
    expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'property colour should not exist' }]);
    await t.http.get('/api/v1/products?attr.Bad%20Key=x').expect(400);
    await t.http.get('/api/v1/products?limit=101').expect(400);
    await t.http.get('/api/v1/products?sort=cheapest').expect(400);
    await t.http.get('/api/v1/products?minPrice=abc').expect(400);
    const page = await t.http.get(`/api/v1/products?category=${root.slug}&sort=price&limit=1`).expect(200);
    const foreign = await t.http.get(`/api/v1/products?sort=name&cursor=${page.body.nextCursor}`).expect(400);
    expect(foreign.body.errors[0].field).toBe('cursor');
    await t.http.get('/api/v1/products?cursor=garbage').expect(400);
  });
});
