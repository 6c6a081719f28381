import { bootApp, TestApp } from '../support/app';

describe('catalog in the OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('documents every catalog route, the attribute filters, validators and problems', async () => {
    const doc = (await t.http.get('/docs/openapi.json').expect(200)).body;
    for (const path of [
      '/api/v1/products', '/api/v1/products/{idOrSlug}', '/api/v1/search', '/api/v1/search/suggest', '/api/v1/categories',
      '/api/v1/categories/{slug}', '/api/v1/products/{id}/reviews', '/api/v1/admin/products', '/api/v1/admin/products/{id}',
      '/api/v1/admin/products/{id}/variants', '/api/v1/admin/products/{id}/variants/{variantId}', '/api/v1/admin/categories',
      '/api/v1/admin/categories/{id}',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
    const list = doc.paths['/api/v1/products'].get;
    const params = Object.fromEntries(list.parameters.map((p: { name: string }) => [p.name, p]));
    expect(params.attr).toMatchObject({ in: 'query', style: 'deepObject', schema: { type: 'object' } });
    expect(Object.keys(params)).toEqual(expect.arrayContaining(['category', 'minPrice', 'maxPrice', 'inStock', 'sort', 'limit', 'cursor']));
    expect(list.responses['200'].headers.ETag).toBeDefined();
    expect(list.responses['304']).toBeDefined();
    expect(list.responses['400'].content['application/problem+json']).toBeDefined();
    expect(doc.paths['/api/v1/admin/products/{id}'].patch.responses['412']).toBeDefined();
  });
});
