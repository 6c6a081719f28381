import { StockChanged } from '../../src/modules/inventory/inventory.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { createCategory, createProduct, uniqueWord } from './catalog-fixtures';

interface Result {
  items: { id: string; name: string }[];
  total: number;
  nextCursor: string | null;
  facets: {
    categories: { slug: string; name: string; count: number }[];
    priceRanges: { min: number; max: number | null; count: number }[];
    attributes: { key: string; values: { value: string; count: number }[] }[];
  };
}

describe('search', () => {
  let t: TestApp;
  const search = async (query: string): Promise<Result> => (await t.http.get(`/api/v1/search?${query}`).expect(200)).body;

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('ranks name matches above SKU, category and attribute matches above description matches', async () => {
    const word = uniqueWord('rank');
    const inDescription = await createProduct(t, { name: 'Plain box', description: `Made with ${word} care.` });
    const inAttribute = await createProduct(t, { name: 'Plain tin', attributes: { finish: word } });
    const inSku = await createProduct(t, { name: 'Plain cup', variants: [{ sku: `CUP-${word.toUpperCase()}`, price: 100 }] });
    const category = await createCategory(t, { name: `Shelf ${word}` });
    const inCategory = await createProduct(t, { name: 'Plain jar', categoryId: category.id });
    const inName = await createProduct(t, { name: `The ${word} lamp` });
    const result = await search(`q=${word}`);
    const ids = result.items.map((i) => i.id);
    expect(result.total).toBe(5);
    // SKUs, category names and attributes share one weight (B), so their order among themselves is the tiebreak's.
    expect(ids[0]).toBe(inName.id);
    expect(ids.slice(1, 4)).toEqual(expect.arrayContaining([inAttribute.id, inSku.id, inCategory.id]));
    expect(ids[4]).toBe(inDescription.id);
  });

  it('puts in-stock items first', async () => {
    const word = uniqueWord('stock');
    const named = await createProduct(t, { name: `${word} chair` });
    const described = await createProduct(t, { name: 'Seat', description: `A ${word} seat.` });
    await publishCommitted(t.app, new StockChanged({ levels: [{ sku: described.variants[0].sku, available: 2, inStock: true }] }));
    await eventually(async () => {
      expect((await search(`q=${word}`)).items.map((i) => i.id)).toEqual([described.id, named.id]);
    });
  });

  it('finds a word with one wrong letter (lether -> leather), and a misspelt rare word', async () => {
    const tag = uniqueWord('tag');
    const jacket = await createProduct(t, { name: `Brown leather jacket ${tag}` });
    await createProduct(t, { name: `Brown suede jacket ${tag}` });
    const typo = await search(`q=lether%20${tag}`);
    expect(typo.items.map((i) => i.id)).toEqual([jacket.id]);
    const rare = uniqueWord('marmalade');
    const product = await createProduct(t, { name: `${rare} pot` });
    const misspelt = rare.slice(0, 5) + rare.slice(6);
    expect((await search(`q=${misspelt}`)).items.map((i) => i.id)).toEqual([product.id]);
  });

  it('finds a product by an option value of one of its variants', async () => {
    const colour = uniqueWord('hue');
    const product = await createProduct(t, { name: 'Scarf', variants: [{ price: 100, options: { colour } }, { price: 100 }] });
    expect((await search(`q=scarf%20${colour}`)).items.map((i) => i.id)).toEqual([product.id]);
  });

  it('finds a product by SKU and by its category name', async () => {
    const category = await createCategory(t, { name: `Lanterns ${uniqueWord()}` });
    const product = await createProduct(t, { name: 'Storm light', categoryId: category.id, variants: [{ sku: `LNT-${uniqueWord()}`, price: 100 }] });
    expect((await search(`q=${product.variants[0].sku}`)).items.map((i) => i.id)).toEqual([product.id]);
    expect((await search(`q=${encodeURIComponent(category.name)}`)).items.map((i) => i.id)).toEqual([product.id]);
  });

  it('counts facets under every active filter but their own', async () => {
    const word = uniqueWord('facet');
    const root = await createCategory(t, { name: `Root ${word}` });
    const left = await createCategory(t, { name: `Left ${word}`, parentId: root.id });
    const right = await createCategory(t, { name: `Right ${word}`, parentId: root.id });
    const specs: { categoryId: string; price: number; attributes: Record<string, string> }[] = [
      { categoryId: left.id, price: 500, attributes: { brand: 'acme', colour: 'red' } },
      { categoryId: left.id, price: 1500, attributes: { brand: 'acme', colour: 'blue' } },
      { categoryId: right.id, price: 1500, attributes: { brand: 'zeta', colour: 'red' } },
      { categoryId: right.id, price: 30000, attributes: { brand: 'zeta', colour: 'red' } },
      { categoryId: root.id, price: 2600, attributes: { brand: 'omega' } },
    ];
    for (const [i, s] of specs.entries()) {
      await createProduct(t, { name: `${word} item ${i}`, categoryId: s.categoryId, attributes: s.attributes, variants: [{ price: s.price }] });
    }

    const all = await search(`q=${word}`);
    expect(all.total).toBe(5);
    expect(all.facets.categories).toEqual([
      { slug: root.slug, name: root.name, count: 5 },
      { slug: left.slug, name: left.name, count: 2 },
      { slug: right.slug, name: right.name, count: 2 },
    ]);
    expect(all.facets.priceRanges).toEqual([
      { min: 0, max: 999, count: 1 },
      { min: 1000, max: 2499, count: 2 },
      { min: 2500, max: 4999, count: 1 },
      { min: 25000, max: 49999, count: 1 },
    ]);
    expect(all.facets.attributes).toEqual([
      { key: 'brand', values: [{ value: 'acme', count: 2 }, { value: 'zeta', count: 2 }, { value: 'omega', count: 1 }] },
      { key: 'colour', values: [{ value: 'red', count: 3 }, { value: 'blue', count: 1 }] },
    ]);

    const acme = await search(`q=${word}&attr.brand=acme`);
    expect(acme.total).toBe(2);
    expect(acme.items).toHaveLength(2);
    // The brand facet ignores the brand filter; the others apply it.
    expect(acme.facets.attributes).toEqual([
      { key: 'brand', values: [{ value: 'acme', count: 2 }, { value: 'zeta', count: 2 }, { value: 'omega', count: 1 }] },
      { key: 'colour', values: [{ value: 'blue', count: 1 }, { value: 'red', count: 1 }] },
    ]);
    expect(acme.facets.categories).toEqual([
      { slug: left.slug, name: left.name, count: 2 },
      { slug: root.slug, name: root.name, count: 2 },
    ]);
    expect(acme.facets.priceRanges).toEqual([
      { min: 0, max: 999, count: 1 },
      { min: 1000, max: 2499, count: 1 },
    ]);

    const rightRed = await search(`q=${word}&category=${right.slug}&attr.colour=red&maxPrice=2499`);
    expect(rightRed.total).toBe(1);
    expect(rightRed.facets.categories).toEqual([
      { slug: root.slug, name: root.name, count: 2 },
      { slug: left.slug, name: left.name, count: 1 },
      { slug: right.slug, name: right.name, count: 1 },
    ]);
    expect(rightRed.facets.priceRanges).toEqual([
      { min: 1000, max: 2499, count: 1 },
      { min: 25000, max: 49999, count: 1 },
    ]);
    // Colours under category "right" up to 24.99: the colour filter itself does not apply.
    expect(rightRed.facets.attributes).toEqual([
      { key: 'brand', values: [{ value: 'zeta', count: 1 }] },
      { key: 'colour', values: [{ value: 'red', count: 1 }] },
    ]);
  });

  it('pages through the matches with a cursor', async () => {
    const word = uniqueWord('page');
    for (let i = 0; i < 5; i++) await createProduct(t, { name: `${word} ${i}`, variants: [{ price: 100 * (i + 1) }] });
    const first = await search(`q=${word}&sort=price&limit=2`);
    const second = await search(`q=${word}&sort=price&limit=2&cursor=${first.nextCursor}`);
    const third = await search(`q=${word}&sort=price&limit=2&cursor=${second.nextCursor}`);
    expect([...first.items, ...second.items, ...third.items].map((i) => i.name)).toEqual([0, 1, 2, 3, 4].map((i) => `${word} ${i}`));
    expect(third.nextCursor).toBeNull();
    expect(first.total).toBe(5);
  });

  it('suggests up to ten distinct product names with a word starting with the prefix', async () => {
    const word = uniqueWord('sug');
    await createProduct(t, { name: `${word} bag` });
    await createProduct(t, { name: `Red ${word} hat` });
    await createProduct(t, { name: `${word} bag` });
    await createProduct(t, { name: `${word} draft`, status: 'draft' });
    const res = await t.http.get(`/api/v1/search/suggest?q=${word.slice(0, 8).toUpperCase()}`).expect(200);
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual([`${word} bag`, `Red ${word} hat`]);
    expect(res.body.items[0].slug).toMatch(new RegExp(`^${word}-bag`));
    for (let i = 10; i < 22; i++) await createProduct(t, { name: `${word} model ${i}` });
    const many = await t.http.get(`/api/v1/search/suggest?q=${word} model`).expect(200);
    expect(many.body.items.map((s: { name: string }) => s.name)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((i) => `${word} model ${i}`));
    await t.http.get('/api/v1/search/suggest').expect(400);
  });
});
