import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OrderPaid } from '../../src/modules/orders/orders.events';
import { UserErased } from '../../src/modules/users/users.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { createCategory, createProduct, CreatedProduct, customer } from './catalog-fixtures';

const money = (amount: number) => ({ amount, currency: 'EUR' });

/** What orders publishes when a customer has paid for these products. */
function orderPaid(customerId: string, products: CreatedProduct[]): OrderPaid {
  const lines = products.map((p) => ({
    variantId: p.variants[0].id,
    productId: p.id,
    sku: p.variants[0].sku,
    name: p.name,
    quantity: 1,
    unitPrice: money(1000),
    lineTotal: money(1000),
  }));
  return new OrderPaid({
    orderId: randomUUID(),
    orderNumber: 'EMP-1',
    customerId,
    email: `${customerId}@example.test`,
    status: 'paid',
    lines,
    subtotal: money(1000 * lines.length),
    shipping: money(0),
    tax: money(0),
    total: money(1000 * lines.length),
    shippingAddress: { fullName: 'A B', line1: 'Street 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });
}

describe('reviews', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  /** Reviewing needs the purchase, which arrives asynchronously from orders.order-paid. */
  async function review(productId: string, customerId: string, body: object) {
    return t.http.post(`/api/v1/products/${productId}/reviews`).set(customer(customerId)).send(body);
  }

  it('lets a customer who bought the product review it once, and summarises the ratings', async () => {
    const product = await createProduct(t);
    const buyers = [randomUUID(), randomUUID()];
    for (const buyer of buyers) await publishCommitted(t.app, orderPaid(buyer, [product]));
    await eventually(async () => {
      expect((await review(product.id, buyers[0], { rating: 5, title: 'Great', body: 'Love it' })).status).toBe(201);
    });
    await eventually(async () => expect((await review(product.id, buyers[1], { rating: 4 })).status).toBe(201));

    const again = await review(product.id, buyers[0], { rating: 1 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CATALOG.ALREADY_REVIEWED');

    const list = await t.http.get(`/api/v1/products/${product.slug}/reviews?limit=1`).expect(200);
    expect(list.body.items).toEqual([
      { id: expect.any(String), rating: 4, title: null, body: '', verifiedPurchase: true, createdAt: expect.any(String) },
    ]);
    const rest = await t.http.get(`/api/v1/products/${product.id}/reviews?limit=1&cursor=${list.body.nextCursor}`).expect(200);
    expect(rest.body.items.map((r: { title: string }) => r.title)).toEqual(['Great']);
    expect(rest.body.nextCursor).toBeNull();

    await eventually(async () => {
      const detail = await t.http.get(`/api/v1/products/${product.id}`).expect(200);
      expect(detail.body.rating).toEqual({ average: 4.5, count: 2 });
      const card = await t.http.get(`/api/v1/search?q=${product.name.split(' ')[1]}`).expect(200);
      expect(card.body.items[0].rating).toEqual({ average: 4.5, count: 2 });
    });
  });

  it('refuses customers who did not buy it, anonymous callers and bad ratings', async () => {
    const product = await createProduct(t);
    const stranger = await review(product.id, randomUUID(), { rating: 5 });
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('CATALOG.REVIEW_REQUIRES_PURCHASE');
    await t.http.post(`/api/v1/products/${product.id}/reviews`).send({ rating: 5 }).expect(401);
    await review(product.id, randomUUID(), { rating: 6 }).then((r) => expect(r.status).toBe(400));
  });

  it('only reviews published products', async () => {
    const draft = await createProduct(t, { status: 'draft' });
    const buyer = randomUUID();
    await publishCommitted(t.app, orderPaid(buyer, [draft]));
    await t.http.get(`/api/v1/products/${draft.id}/reviews`).expect(404);
    expect((await review(draft.id, buyer, { rating: 3 })).status).toBe(404);
  });

  it("forgets an erased customer's purchases and keeps their reviews anonymously", async () => {
    const [reviewed, pending] = [await createProduct(t), await createProduct(t)];
    const buyer = randomUUID();
    await publishCommitted(t.app, orderPaid(buyer, [reviewed, pending]));
    await eventually(async () => expect((await review(reviewed.id, buyer, { rating: 4, body: 'Solid' })).status).toBe(201));
    const erased = new UserErased({ userId: buyer });
    await publishCommitted(t.app, erased);
    const db = t.app.get(DataSource);
    await eventually(async () => {
      const handled = await db.query(`SELECT 1 FROM platform.inbox WHERE event_id = $1 AND subscriber = 'PurchasesListener.onUserErased'`, [
        erased.id,
      ]);
      expect(handled).toHaveLength(1);
    });
    expect((await review(pending.id, buyer, { rating: 5 })).status).toBe(403);
    const list = await t.http.get(`/api/v1/products/${reviewed.id}/reviews`).expect(200);
    expect(list.body.items.map((r: { body: string }) => r.body)).toEqual(['Solid']);
    const [row] = await db.query(`SELECT customer_id FROM catalog.reviews WHERE product_id = $1`, [reviewed.id]);
    expect(row.customer_id).toBeNull();
  });

  it('sorts products by rating', async () => {
    // A category of their own: the order does not depend on what other tests have rated.
    const category = await createCategory(t);
    const [low, high] = [await createProduct(t, { categoryId: category.id }), await createProduct(t, { categoryId: category.id })];
    const buyer = randomUUID();
    await publishCommitted(t.app, orderPaid(buyer, [low, high]));
    await eventually(async () => expect((await review(low.id, buyer, { rating: 2 })).status).toBe(201));
    expect((await review(high.id, buyer, { rating: 5 })).status).toBe(201);
    await eventually(async () => {
      const page = await t.http.get(`/api/v1/products?category=${category.slug}&sort=rating`).expect(200);
      expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([high.id, low.id]);
    });
  });
});
