import { randomUUID } from 'node:crypto';
import { encodeCursor } from '../../src/common/http/pagination';
import { admin, createCategory, createProduct } from '../catalog/catalog-fixtures';
import { bootApp, TestApp } from '../support/app';

/**
 * Input that reached PostgreSQL, or was read as something else, before it was refused: `null` for a
 * property that may only be left out, bodies that are not objects, and cursors a client forged.
 * Each is a 400 problem naming the field.
 */
describe('input the API refuses before acting on it', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  const refused = (res: { status: number; body: { code?: string; errors?: { field: string }[] } }, field: string) =>
    expect({ status: res.status, code: res.body.code, fields: res.body.errors?.map((e) => e.field) }).toEqual({
      status: 400,
      code: 'COMMON.VALIDATION_FAILED',
      fields: expect.arrayContaining([field]),
    });

  describe('null for a property that may be left out, but is not nullable', () => {
    it('is not "everything" for a refund amount', async () => {
      const res = await t.http
        .post(`/api/v1/admin/payments/${randomUUID()}/refunds`)
        .set(admin())
        .set('Idempotency-Key', randomUUID())
        .send({ amount: null });
      refused(res, 'amount');
    });

    it('is refused in product, variant, category, user and stock changes', async () => {
      const product = await createProduct(t);
      const category = await createCategory(t);
      const changes: [string, string, Record<string, unknown>, string][] = [
        ['patch', `/api/v1/admin/products/${product.id}`, { name: null }, 'name'],
        ['patch', `/api/v1/admin/products/${product.id}`, { slug: null }, 'slug'],
        ['patch', `/api/v1/admin/products/${product.id}`, { status: null }, 'status'],
        ['patch', `/api/v1/admin/products/${product.id}`, { attributes: null }, 'attributes'],
        ['patch', `/api/v1/admin/products/${product.id}/variants/${product.variants[0].id}`, { price: null }, 'price'],
        ['patch', `/api/v1/admin/categories/${category.id}`, { name: null }, 'name'],
        ['patch', `/api/v1/admin/categories/${category.id}`, { position: null }, 'position'],
        ['patch', `/api/v1/admin/users/${randomUUID()}`, { role: null }, 'role'],
        ['patch', `/api/v1/admin/users/${randomUUID()}`, { disabled: null }, 'disabled'],
        ['put', `/api/v1/admin/inventory/${product.variants[0].sku}`, { onHand: 5, reorderLevel: null }, 'reorderLevel'],
      ];
      for (const [method, path, body, field] of changes) {
        const res = await t.http[method as 'patch' | 'put'](path).set(admin()).set('If-Match', product.etag).send(body);
        refused(res, field);
      }
      const unchanged = await t.http.get(`/api/v1/admin/products/${product.id}`).set(admin()).expect(200);
      expect(unchanged.body).toMatchObject({ name: product.name, slug: product.slug, version: product.version });
    });

    it('still clears the properties that are nullable', async () => {
      const product = await createProduct(t, { variants: [{ price: 1000, compareAtPrice: 1500 }] });
      const res = await t.http
        .patch(`/api/v1/admin/products/${product.id}/variants/${product.variants[0].id}`)
        .set(admin())
        .set('If-Match', product.etag)
        .send({ compareAtPrice: null })
        .expect(200);
      expect(res.body.variants[0].compareAtPrice).toBeNull();
    });
  });

  it('refuses names of white space only', async () => {
    refused(await t.http.post('/api/v1/admin/categories').set(admin()).send({ name: '   ' }), 'name');
    refused(await t.http.post('/api/v1/admin/products').set(admin()).send({ name: ' \t ', variants: [{ sku: `BLANK-${Date.now()}`, price: 100 }] }), 'name');
  });

  it('refuses a body that is JSON but not an object', async () => {
    for (const body of ['null', '[]', '"amount"', '5']) {
      const res = await t.http
        .post(`/api/v1/admin/payments/${randomUUID()}/refunds`)
        .set(admin())
        .set('Idempotency-Key', randomUUID())
        .set('Content-Type', 'application/json')
        .send(body);
      refused(res, 'body');
    }
  });

  it('says what is wrong with an Idempotency-Key that is sent but malformed, and that one is needed when it is not', async () => {
    const refund = () => t.http.post(`/api/v1/admin/payments/${randomUUID()}/refunds`).set(admin());
    const long = await refund().set('Idempotency-Key', 'k'.repeat(5000)).send({});
    expect([long.status, long.body.detail]).toEqual([400, 'The Idempotency-Key header must be 1 to 255 visible ASCII characters']);
    const missing = await refund().send({});
    expect([missing.status, missing.body.detail]).toEqual([400, 'The Idempotency-Key header is required']);
  });

  describe('forged cursors', () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const b64 = (position: object) => encodeCursor(position as Record<string, unknown>);

    it('are refused on the product list when the key does not fit its column', async () => {
      const forged = [
        ['price', { s: 'price', k: 2 ** 31, i: zero }],
        ['-price', { s: '-price', k: -Number.MAX_SAFE_INTEGER, i: zero }],
        ['rating', { s: 'rating', k: 2 ** 31, i: zero }],
        ['newest', { s: 'newest', k: '2024-02-30', i: zero }],
        ['newest', { s: 'newest', k: '+275760-09-13', i: zero }],
        ['name', { s: 'name', k: '\u0000', i: zero }],
      ] as const;
      for (const [sort, position] of forged) refused(await t.http.get(`/api/v1/products?sort=${sort}&cursor=${b64(position)}`), 'cursor');
    });

    it('are refused on id-keyed lists unless they hold a UUID', async () => {
      const product = await createProduct(t);
      const lists = ['/api/v1/admin/notifications', '/api/v1/admin/products', `/api/v1/products/${product.id}/reviews`, '/api/v1/admin/payments'];
      for (const list of lists) {
        for (const position of [{ id: 'x' }, { id: 5 }, { id: {} }, {}]) refused(await t.http.get(`${list}?cursor=${b64(position)}`).set(admin()), 'cursor');
      }
    });

    it('are refused when they hold text no column could store', async () => {
      refused(await t.http.get(`/api/v1/admin/inventory?cursor=${b64({ sku: 'a\u0000' })}`).set(admin()), 'cursor');
    });
  });

  it('refuses NUL in the catalog list filters, which are read by their own decorator', async () => {
    refused(await t.http.get('/api/v1/products?category=%00'), 'category');
    refused(await t.http.get('/api/v1/search?q=coat&category=%00'), 'category');
  });
});
