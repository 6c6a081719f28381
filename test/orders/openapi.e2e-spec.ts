import { bootApp, TestApp } from '../support/app';

type Operation = {
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { description?: string; headers?: Record<string, unknown>; content?: Record<string, { schema: { $ref?: string } }> }>;
};
type Schema = { properties: Record<string, { type?: string; items?: { $ref?: string } }>; required?: string[]; additionalProperties?: boolean };

describe('OpenAPI of cart and orders', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  let schemas: Record<string, Schema>;
  beforeAll(async () => {
    t = await bootApp();
    const document = (await t.http.get('/docs/openapi.json').expect(200)).body;
    paths = document.paths;
    schemas = document.components.schemas;
  });
  afterAll(() => t.close());

  const op = (method: string, path: string): Operation => {
    const found = paths[`/api/v1${path}`]?.[method];
    if (!found) throw new Error(`${method} ${path} is not documented`);
    return found;
  };
  const header = (o: Operation, name: string) => o.parameters?.find((p) => p.in === 'header' && p.name === name);
  const problemSchema = (o: Operation, status: string): Schema => {
    const ref = o.responses[status].content?.['application/problem+json'].schema.$ref ?? '';
    return schemas[ref.replace('#/components/schemas/', '')];
  };

  it('documents every cart route under the cart tag, with X-Cart-Token, If-Match and ETag', () => {
    const routes: [string, string][] = [
      ['get', '/carts/{id}'], ['delete', '/carts/{id}'], ['post', '/carts/{id}/items'],
      ['patch', '/carts/{id}/items/{itemId}'], ['delete', '/carts/{id}/items/{itemId}'], ['post', '/carts/{id}/merge'],
    ];
    for (const [method, path] of routes) {
      const o = op(method, path);
      expect(o.tags).toEqual(['cart']);
      expect(header(o, 'X-Cart-Token')).toBeDefined();
      expect(o.responses['200'].headers).toHaveProperty('ETag');
      expect(o.responses).toHaveProperty('404');
    }
    for (const [method, path] of routes.filter(([m]) => m !== 'get')) expect(header(op(method, path), 'If-Match')).toBeDefined();
    expect(op('post', '/carts').responses).toHaveProperty('201');
    expect(op('get', '/me/cart').tags).toEqual(['cart']);
    expect(op('post', '/carts/{id}/items').responses).toHaveProperty('422');
  });

  it('says a token is optional where guests may call, and required for merging', () => {
    for (const [method, path] of [['post', '/carts'], ['get', '/carts/{id}'], ['post', '/carts/{id}/items'], ['delete', '/carts/{id}/items/{itemId}']]) {
      expect(op(method, path).security).toEqual([{}, { bearer: [] }]);
    }
    const merge = op('post', '/carts/{id}/merge');
    expect(merge.security).toEqual([{ bearer: [] }]);
    expect(header(merge, 'X-Cart-Token')).toMatchObject({ required: true });
  });

  it('documents the members problems carry, and that any problem may carry more', () => {
    expect(schemas.ProblemDto.additionalProperties).toBe(true);
    expect(schemas.ProblemDto.required).toContain('requestId');
    const checkout = op('post', '/carts/{id}/checkout');
    expect(problemSchema(checkout, '409').properties.shortages.items?.$ref).toBe('#/components/schemas/StockShortageDto');
    expect(problemSchema(checkout, '422').properties).toHaveProperty('lines');
    expect(checkout.responses['409']).toMatchObject({ description: 'Conflicts with the current state' });
    expect(Object.keys(problemSchema(op('post', '/carts/{id}/items'), '422').properties)).toEqual(
      expect.arrayContaining(['variantId', 'reason', 'quantityInCart', 'maxQuantity', 'requestId']),
    );
    expect(problemSchema(op('post', '/admin/orders/{id}/transitions'), '409').properties).toHaveProperty('allowed');
    expect(problemSchema(op('post', '/orders/{id}/cancel'), '409').properties).toHaveProperty('orderStatus');
  });

  it('documents 503 where a change waits for stock rows, and the replay marker of idempotent routes', () => {
    for (const [method, path] of [['post', '/orders/{id}/cancel'], ['post', '/admin/orders/{id}/transitions'], ['post', '/admin/payments/{id}/confirm']]) {
      expect(op(method, path).responses).toHaveProperty('503');
    }
    for (const [method, path, status] of [['post', '/carts/{id}/checkout', '201'], ['post', '/payments', '201'], ['post', '/admin/payments/{id}/refunds', '201']]) {
      expect(op(method, path).responses[status].headers).toHaveProperty('Idempotent-Replayed');
    }
    expect(op('get', '/carts/{id}').responses['200'].headers).not.toHaveProperty('Idempotent-Replayed');
  });

  it('documents checkout with its Idempotency-Key, Location and error answers', () => {
    const checkout = op('post', '/carts/{id}/checkout');
    expect(header(checkout, 'Idempotency-Key')).toMatchObject({ required: true });
    expect(checkout.responses['201'].headers).toHaveProperty('Location');
    for (const status of ['400', '401', '404', '409', '412', '422']) expect(checkout.responses).toHaveProperty(status);
  });

  it('documents the customer and staff order routes', () => {
    for (const [method, path] of [['get', '/orders'], ['get', '/orders/{id}'], ['post', '/orders/{id}/cancel']]) {
      expect(op(method, path).tags).toEqual(['orders']);
    }
    for (const [method, path] of [['get', '/admin/orders'], ['get', '/admin/orders/{id}'], ['post', '/admin/orders/{id}/transitions'], ['get', '/admin/reports/sales']]) {
      const o = op(method, path);
      expect(o.tags).toEqual(['admin: orders']);
      expect(o.responses).toHaveProperty('403');
    }
    expect(op('post', '/admin/orders/{id}/transitions').responses).toHaveProperty('409');
    expect(op('post', '/orders/{id}/cancel').responses).toHaveProperty('409');
  });
});
