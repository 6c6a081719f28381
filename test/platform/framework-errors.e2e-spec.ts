import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { admin, createCategory, createProduct } from '../catalog/catalog-fixtures';
import { bootApi, TestApp } from '../support/app';

/** A slug of the longest length allowed (120), unique per call. */
const longestSlug = (first: string) => `${first.repeat(100)}-${randomUUID().replace(/-/g, '').slice(0, 19)}`;

/** Sends `raw` on a fresh connection and returns everything the server wrote before it closed. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const parse = (raw: string) => {
  const [head, body] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) as Record<string, unknown> };
};

/** A problem with no code of ours: the status says it all. */
const aboutBlank = (status: number, title: string, detail: string, requestId: unknown = expect.any(String)) => ({
  type: 'about:blank',
  title,
  status,
  detail,
  requestId,
});

/** Requests Fastify's router or Node's HTTP parser refuse before a route runs get problem+json too. */
describe('requests refused before a route runs', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await bootApi();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('serves a product and a category by the longest slug they may have', async () => {
    const product = await createProduct(t, { slug: longestSlug('p') });
    expect(product.slug).toHaveLength(120);
    expect((await t.http.get(`/api/v1/products/${product.slug}`).expect(200)).body.id).toBe(product.id);
    const category = await createCategory(t, { slug: longestSlug('c') });
    expect(category.slug).toHaveLength(120);
    expect((await t.http.get(`/api/v1/categories/${category.slug}`).expect(200)).body.id).toBe(category.id);
    await t.http.get(`/api/v1/admin/products/${product.id}`).set(admin()).expect(200);
  });

  it('answers a path parameter longer than any id, slug or SKU with a 414 problem', async () => {
    const res = await t.http.get(`/api/v1/products/${'a'.repeat(201)}`).set('X-Request-Id', 'too-long-param');
    expect(res.status).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toEqual(aboutBlank(414, 'URI Too Long', 'A path parameter is longer than 200 characters', 'too-long-param'));
  });

  it('answers a path that does not decode with a 400 problem', async () => {
    const res = await t.http.get('/api/v1/products/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Bad Request', requestId: res.headers['x-request-id'] });
  });

  it('answers headers over the size limit with a 431 problem', async () => {
    const answer = parse(await exchange(port, `GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`));
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toEqual(aboutBlank(431, 'Request Header Fields Too Large', 'The request headers are larger than the server accepts'));
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const answer = parse(await exchange(port, 'HELLO THERE\r\n\r\n'));
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 400, title: 'Bad Request', detail: 'The request is not valid HTTP' });
  });
});
