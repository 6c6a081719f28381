import { VariantUpserted } from '../../src/modules/catalog/catalog.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { admin, createCategory, createProduct, customer, outboxPayloads, uniqueSku, uniqueWord } from './catalog-fixtures';

describe('admin products', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('creates a product with variants, a generated slug, an ETag and the store currency', async () => {
    const category = await createCategory(t);
    const sku = uniqueSku();
    const res = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({
        name: 'Crème Brûlée Jacket',
        description: 'Warm.',
        categoryId: category.id,
        attributes: { brand: 'acme', material: 'leather' },
        images: [
          { url: 'https://cdn.example.com/b.jpg', alt: 'back', position: 2 },
          { url: 'https://cdn.example.com/a.jpg', alt: 'front', position: 1 },
        ],
        variants: [{ sku, options: { size: 'M', colour: 'blue' }, price: 12900, compareAtPrice: 15900, weight: 900 }],
      })
      .expect(201);
    expect(res.body).toMatchObject({
      slug: expect.stringMatching(/^creme-brulee-jacket/),
      status: 'draft',
      categoryId: category.id,
      attributes: { brand: 'acme', material: 'leather' },
      version: 1,
      images: [
        { url: 'https://cdn.example.com/a.jpg', alt: 'front', position: 0 },
        { url: 'https://cdn.example.com/b.jpg', alt: 'back', position: 1 },
      ],
      variants: [
        {
          sku,
          options: { size: 'M', colour: 'blue' },
          price: { amount: 12900, currency: 'EUR' },
          compareAtPrice: { amount: 15900, currency: 'EUR' },
          weight: 900,
        },
      ],
    });
    expect(res.headers.etag).toBe(`W/"${res.body.id}-1"`);
    expect(res.headers.location).toBe(`/api/v1/admin/products/${res.body.id}`);
  });

  it('numbers a generated slug that is taken', async () => {
    const name = `Twin ${uniqueWord()}`;
    const first = await createProduct(t, { name });
    const second = await createProduct(t, { name });
    expect(second.slug).toBe(`${first.slug}-2`);
  });

  it('refuses invalid input with the failing fields', async () => {
    const res = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({
        name: '',
        images: [{ url: 'http://insecure.example.com/a.jpg' }],
        variants: [{ sku: 'has space', price: -1 }],
        role: 'admin',
      })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'images.0.url', 'variants.0.sku', 'variants.0.price', 'role']));
  });

  it('refuses a product without variants, a compare-at price below the price and an unknown category', async () => {
    await t.http.post('/api/v1/admin/products').set(admin()).send({ name: 'Empty', variants: [] }).expect(400);
    const cheap = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({ name: 'Cheap', variants: [{ sku: uniqueSku(), price: 1000, compareAtPrice: 900 }] })
      .expect(400);
    expect(cheap.body.errors).toEqual([{ field: 'variants.0.compareAtPrice', message: 'compareAtPrice must be greater than price' }]);
    const lost = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({ name: 'Lost', categoryId: '0190a3c2-1111-7222-8333-444455556666', variants: [{ sku: uniqueSku(), price: 1 }] })
      .expect(400);
    expect(lost.body.code).toBe('CATALOG.UNKNOWN_CATEGORY');
  });

  it('answers 409 to a duplicate slug or SKU', async () => {
    const existing = await createProduct(t, { slug: `taken-${uniqueWord()}` });
    const slug = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({ name: 'Other', slug: existing.slug, variants: [{ sku: uniqueSku(), price: 1 }] })
      .expect(409);
    expect(slug.body.code).toBe('CATALOG.SLUG_TAKEN');
    const sku = await t.http
      .post('/api/v1/admin/products')
      .set(admin())
      .send({ name: 'Other', variants: [{ sku: existing.variants[0].sku, price: 1 }] })
      .expect(409);
    expect(sku.body).toMatchObject({ code: 'CATALOG.SKU_TAKEN', skus: [existing.variants[0].sku] });
    await t.http
      .post(`/api/v1/admin/products/${existing.id}/variants`)
      .set(admin())
      .send({ sku: existing.variants[0].sku, price: 5 })
      .expect(409);
    const other = await createProduct(t);
    await t.http.patch(`/api/v1/admin/products/${other.id}`).set(admin()).send({ slug: existing.slug }).expect(409);
  });

  it('honours If-Match: the current ETag updates, a stale one is 412', async () => {
    const product = await createProduct(t);
    const updated = await t.http
      .patch(`/api/v1/admin/products/${product.id}`)
      .set(admin())
      .set('If-Match', product.etag)
      .send({ name: 'Renamed', seoTitle: 'Renamed | Shop' })
      .expect(200);
    expect(updated.body).toMatchObject({ name: 'Renamed', seoTitle: 'Renamed | Shop', version: 2, slug: product.slug });
    expect(updated.headers.etag).toBe(`W/"${product.id}-2"`);
    const stale = await t.http
      .patch(`/api/v1/admin/products/${product.id}`)
      .set(admin())
      .set('If-Match', product.etag)
      .send({ name: 'Lost update' })
      .expect(412);
    expect(stale.body.code).toBe('COMMON.STALE_VERSION');
    await t.http
      .patch(`/api/v1/admin/products/${product.id}/variants/${product.variants[0].id}`)
      .set(admin())
      .set('If-Match', product.etag)
      .send({ price: 1 })
      .expect(412);
    const unchanged = await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({}).expect(200);
    expect(unchanged.body.version).toBe(2);
    const current = await t.http.get(`/api/v1/admin/products/${product.id}`).set(admin()).expect(200);
    expect(current.body.name).toBe('Renamed');
    expect(current.headers.etag).toBe(updated.headers.etag);
  });

  it('refuses a stale If-Match with 412 on archiving, adding a variant and deleting one, and changes nothing', async () => {
    const product = await createProduct(t, { variants: [{ price: 1000 }, { price: 2000 }] });
    const renamed = await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({ name: 'Renamed' }).expect(200);
    const stale = { 'If-Match': product.etag };
    const refusals = [
      t.http.delete(`/api/v1/admin/products/${product.id}`).set(admin()).set(stale),
      t.http.post(`/api/v1/admin/products/${product.id}/variants`).set(admin()).set(stale).send({ sku: uniqueSku(), price: 500 }),
      t.http.delete(`/api/v1/admin/products/${product.id}/variants/${product.variants[1].id}`).set(admin()).set(stale),
    ];
    for (const refusal of refusals) {
      const res = await refusal;
      expect(res.status).toBe(412);
      expect(res.body.code).toBe('COMMON.STALE_VERSION');
    }
    const current = await t.http.get(`/api/v1/admin/products/${product.id}`).set(admin()).expect(200);
    expect(current.body).toMatchObject({ status: 'published', version: renamed.body.version });
    expect(current.body.variants.map((v: { id: string }) => v.id)).toEqual(product.variants.map((v) => v.id));
    await t.http.delete(`/api/v1/admin/products/${product.id}`).set(admin()).set('If-Match', renamed.headers.etag).expect(204);
  });

  it('replaces attributes and images as a whole, clears nullable fields, and shows it to shoppers', async () => {
    const category = await createCategory(t);
    const product = await createProduct(t, {
      categoryId: category.id,
      attributes: { brand: 'acme', colour: 'red' },
      images: [{ url: 'https://cdn.example.com/1.jpg' }],
    });
    const res = await t.http
      .patch(`/api/v1/admin/products/${product.id}`)
      .set(admin())
      .send({
        attributes: { brand: 'zeta' },
        images: [{ url: 'https://cdn.example.com/2.jpg', alt: 'two' }, { url: 'https://cdn.example.com/3.jpg' }],
        categoryId: null,
        seoDescription: null,
        description: 'New text',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      attributes: { brand: 'zeta' },
      images: [
        { url: 'https://cdn.example.com/2.jpg', alt: 'two', position: 0 },
        { url: 'https://cdn.example.com/3.jpg', alt: null, position: 1 },
      ],
      categoryId: null,
      seoDescription: null,
      description: 'New text',
    });
    await eventually(async () => {
      const page = await t.http.get(`/api/v1/products/${product.id}`).expect(200);
      expect(page.body).toMatchObject({ attributes: { brand: 'zeta' }, category: null, breadcrumbs: [], description: 'New text' });
      expect(page.body.images.map((i: { url: string }) => i.url)).toEqual(['https://cdn.example.com/2.jpg', 'https://cdn.example.com/3.jpg']);
    });
    const card = await t.http.get('/api/v1/products?attr.brand=zeta&limit=100').expect(200);
    expect(card.body.items.find((p: { id: string }) => p.id === product.id).image).toEqual({ url: 'https://cdn.example.com/2.jpg', alt: 'two' });
  });

  it('keeps staff routes for staff: 401 without a token, 403 for a customer', async () => {
    const product = await createProduct(t);
    await t.http.post('/api/v1/admin/products').send({ name: 'x', variants: [{ sku: uniqueSku(), price: 1 }] }).expect(401);
    const forbidden = await t.http.patch(`/api/v1/admin/products/${product.id}`).set(customer()).send({ name: 'x' }).expect(403);
    expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    await t.http.delete(`/api/v1/admin/products/${product.id}`).set(customer()).expect(403);
    await t.http.post('/api/v1/admin/categories').set(customer()).send({ name: 'x' }).expect(403);
  });

  it('manages variants: add, change, delete, but never the last one', async () => {
    const product = await createProduct(t, { variants: [{ price: 1000, options: { size: 'S' } }] });
    const sku = uniqueSku();
    const added = await t.http
      .post(`/api/v1/admin/products/${product.id}/variants`)
      .set(admin())
      .send({ sku, price: 1200, options: { size: 'M' } })
      .expect(201);
    expect(added.body.variants.map((v: { sku: string }) => v.sku)).toEqual([product.variants[0].sku, sku]);
    expect(added.body.version).toBe(2);
    const variantId = added.body.variants[1].id;
    const changed = await t.http
      .patch(`/api/v1/admin/products/${product.id}/variants/${variantId}`)
      .set(admin())
      .send({ price: 1100, compareAtPrice: 1300 })
      .expect(200);
    expect(changed.body.variants[1]).toMatchObject({ price: { amount: 1100 }, compareAtPrice: { amount: 1300 } });
    await t.http
      .patch(`/api/v1/admin/products/${product.id}/variants/${variantId}`)
      .set(admin())
      .send({ sku: 'NEW-SKU' })
      .expect(400);
    await t.http.delete(`/api/v1/admin/products/${product.id}/variants/${variantId}`).set(admin()).expect(204);
    const last = await t.http
      .delete(`/api/v1/admin/products/${product.id}/variants/${product.variants[0].id}`)
      .set(admin())
      .expect(409);
    expect(last.body.code).toBe('CATALOG.LAST_VARIANT');
    await t.http.delete(`/api/v1/admin/products/${product.id}/variants/${variantId}`).set(admin()).expect(404);
  });

  it('announces every variant with its sellable state as the product moves through its statuses', async () => {
    const product = await createProduct(t, { name: 'Lamp', status: 'draft', variants: [{ price: 500, options: { colour: 'red' } }] });
    const sku = product.variants[0].sku;
    await t.http.patch(`/api/v1/admin/products/${product.id}`).set(admin()).send({ status: 'published' }).expect(200);
    await t.http.delete(`/api/v1/admin/products/${product.id}`).set(admin()).expect(204);
    const upserts = await outboxPayloads<VariantUpserted['payload']>(t, 'catalog.variant-upserted', product.id);
    expect(upserts.map((u) => u.sellable)).toEqual([false, true, false]);
    expect(upserts[0]).toEqual({
      variantId: product.variants[0].id,
      productId: product.id,
      sku,
      name: 'Lamp (red)',
      price: { amount: 500, currency: 'EUR' },
      sellable: false,
    });
    expect(await outboxPayloads(t, 'catalog.product-published', product.id)).toEqual([
      { productId: product.id, slug: product.slug, name: 'Lamp' },
    ]);
    expect(await outboxPayloads(t, 'catalog.product-archived', product.id)).toEqual([
      { productId: product.id, variantIds: [product.variants[0].id], skus: [sku] },
    ]);
  });

  it('hides drafts and archived products from shoppers', async () => {
    const word = uniqueWord();
    const category = await createCategory(t);
    const draft = await createProduct(t, { name: `${word} draft`, status: 'draft', categoryId: category.id });
    const archived = await createProduct(t, { name: `${word} archived`, categoryId: category.id });
    const visible = await createProduct(t, { name: `${word} visible`, categoryId: category.id });
    await t.http.delete(`/api/v1/admin/products/${archived.id}`).set(admin()).expect(204);
    await t.http.get(`/api/v1/products/${draft.id}`).expect(404);
    await t.http.get(`/api/v1/products/${draft.slug}`).expect(404);
    await t.http.get(`/api/v1/products/${archived.id}`).expect(404);
    await t.http.get(`/api/v1/products/${visible.slug}`).expect(200);
    const list = await t.http.get(`/api/v1/products?category=${category.slug}`).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([visible.id]);
    const search = await t.http.get(`/api/v1/search?q=${word}`).expect(200);
    expect(search.body.items.map((p: { id: string }) => p.id)).toEqual([visible.id]);
    const staff = await t.http.get(`/api/v1/admin/products?status=draft&q=${word}`).set(admin()).expect(200);
    expect(staff.body.items.map((p: { id: string }) => p.id)).toEqual([draft.id]);
  });

  it('lists staff products newest first, a page at a time', async () => {
    const word = uniqueWord();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createProduct(t, { name: `${word} ${i}`, status: 'draft' }));
    const first = await t.http.get(`/api/v1/admin/products?q=${word}&limit=2`).set(admin()).expect(200);
    const second = await t.http.get(`/api/v1/admin/products?q=${word}&limit=2&cursor=${first.body.nextCursor}`).set(admin()).expect(200);
    expect([...first.body.items, ...second.body.items].map((p: { id: string }) => p.id)).toEqual(made.map((p) => p.id).reverse());
    expect(second.body.nextCursor).toBeNull();
  });
});
