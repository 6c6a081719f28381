import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { VariantUpserted } from '../../src/modules/catalog/catalog.events';
import { eventually, type TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { bearer } from '../support/tokens';

/** Helpers for the cart and orders tests: catalog facts as the catalog would publish them, shoppers, checkouts. */

export interface Variant {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  price: { amount: number; currency: string };
  sellable: boolean;
}

/** A variant as the catalog publishes it, with `onHand` units put on the shelf through the inventory API. */
export async function publishVariant(t: TestApp, overrides: Partial<Variant> = {}, onHand = 1000): Promise<Variant> {
  const id = randomUUID();
  const variant: Variant = {
    variantId: id,
    productId: randomUUID(),
    sku: `SKU-${id.slice(0, 8).toUpperCase()}`,
    name: 'Leather jacket (M, blue)',
    price: { amount: 1999, currency: 'EUR' },
    sellable: true,
    ...overrides,
  };
  await publishCommitted(t.app, new VariantUpserted(variant));
  if (onHand > 0) {
    await t.http
      .put(`/api/v1/admin/inventory/${encodeURIComponent(variant.sku)}`)
      .set(bearer({ role: 'admin' }))
      .send({ onHand })
      .expect(200);
  }
  return variant;
}

export interface Shopper {
  userId: string;
  email: string;
  auth: { Authorization: string };
}

export function customer(): Shopper {
  const userId = randomUUID();
  const email = `buyer-${userId.slice(0, 8)}@example.test`;
  return { userId, email, auth: bearer({ userId, email, role: 'customer' }) };
}

export function admin(): Shopper {
  const userId = randomUUID();
  const email = `staff-${userId.slice(0, 8)}@example.test`;
  return { userId, email, auth: bearer({ userId, email, role: 'admin' }) };
}

export const address = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Erika Mustermann',
  line1: 'Heidestrasse 17',
  city: 'Koeln',
  postalCode: '51147',
  country: 'DE',
  ...overrides,
});

export const checkoutBody = (overrides: Record<string, unknown> = {}) => ({
  shippingAddress: address(),
  shippingMethod: 'standard',
  ...overrides,
});

/** The customer's active cart with these variants in it; returns the cart id. */
export async function cartWith(t: TestApp, shopper: Shopper, lines: { variant: Variant; quantity: number }[]): Promise<string> {
  const cart = await t.http.get('/api/v1/me/cart').set(shopper.auth).expect(200);
  for (const { variant, quantity } of lines) {
    await t.http
      .post(`/api/v1/carts/${cart.body.id}/items`)
      .set(shopper.auth)
      .send({ variantId: variant.variantId, quantity })
      .expect(200);
  }
  return cart.body.id as string;
}

/** Checks out a fresh cart with these lines and returns the order the checkout answered with. */
export async function placeOrder(
  t: TestApp,
  shopper: Shopper,
  lines: { variant: Variant; quantity: number }[],
  body: Record<string, unknown> = checkoutBody(),
): Promise<{ id: string; number: string; total: { amount: number } }> {
  const cartId = await cartWith(t, shopper, lines);
  const res = await t.http
    .post(`/api/v1/carts/${cartId}/checkout`)
    .set(shopper.auth)
    .set('Idempotency-Key', randomUUID())
    .send(body)
    .expect(201);
  return res.body;
}

export const db = (t: TestApp): DataSource => t.app.get(DataSource);

/** The envelopes of events published with this name whose payload field equals the value. */
export async function outboxEvents(t: TestApp, name: string, field: string, value: string): Promise<{ payload: Record<string, unknown> }[]> {
  const rows = (await db(t).query(
    `SELECT envelope FROM platform.outbox WHERE name = $1 AND envelope->'payload'->>$2 = $3 ORDER BY occurred_at`,
    [name, field, value],
  )) as { envelope: { payload: Record<string, unknown> } }[];
  return rows.map((r) => r.envelope);
}

/**
 * Runs `request` while another transaction holds the cart, having added `quantity` of `variant` to
 * it; that change commits once `request` waits for the cart's lock. Resolves to the request's answer.
 */
export async function whileCartChangeCommits<T>(
  t: TestApp,
  cartId: string,
  line: { variant: Variant; quantity: number },
  request: () => PromiseLike<T>,
): Promise<T> {
  const holder = db(t).createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  try {
    await holder.query(`UPDATE cart.carts SET version = version + 1 WHERE id = $1`, [cartId]);
    await holder.query(`INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      cartId,
      line.variant.variantId,
      line.quantity,
    ]);
    const answer = Promise.resolve(request());
    await eventually(async () => {
      const [{ waiting }] = await db(t).query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`);
      expect(waiting).toBeGreaterThan(0);
    });
    await holder.commitTransaction();
    return await answer;
  } finally {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  }
}
