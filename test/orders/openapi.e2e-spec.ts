import { bootApp, TestApp } from '../support/app';

type Operation = { tags: string[]; parameters?: { in: string; name: string; required?: boolean }[]; responses: Record<string, { headers?: Record<string, unknown> }> };

describe('OpenAPI of cart and orders', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    t = await bootApp();
    paths = (await t.http.get('/docs/openapi.json').expect(200)).body.paths;
  });
  afterAll(() => t.close());

  const op = (method: string, path: string): Operation => {
    const found = paths[`/api/v1${path}`]?.[method];
    if (!found) throw new Error(`${method} ${path} is not documented`);
    return found;
  };
  const header = (o: Operation, name: string) => o.parameters?.find((p) => p.in === 'header' && p.name === name);

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
