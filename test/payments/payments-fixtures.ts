import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '../../src/common/events/domain-event';
import { OrderCancelled, OrderFacts, OrderPlaced } from '../../src/modules/orders/orders.events';
import { placeOrder as checkOut, publishVariant } from '../cart/fixtures';
import type { TestApp } from '../support/app';
import { stockUp } from '../support/stock';
import { publishCommitted } from '../support/events';
import type { StripeEmulator } from '../support/stripe-emulator';
import { bearer } from '../support/tokens';

export interface Customer {
  userId: string;
  auth: { Authorization: string };
}

export const newCustomer = (): Customer => {
  const userId = randomUUID();
  return { userId, auth: bearer({ userId, role: 'customer', email: `${userId}@example.test` }) };
};

const ADMIN_ID = randomUUID();
export const admin = (): { Authorization: string } => bearer({ userId: ADMIN_ID, role: 'admin', email: 'admin@example.test' });

export function orderFacts(customer: Customer, total = 4999, currency = 'EUR'): OrderFacts {
  const orderId = randomUUID();
  const money = (amount: number) => ({ amount, currency });
  return {
    orderId,
    orderNumber: `EMP-${orderId.slice(0, 8).toUpperCase()}`,
    customerId: customer.userId,
    email: `${customer.userId}@example.test`,
    status: 'pending_payment',
    lines: [
      {
        variantId: randomUUID(),
        productId: randomUUID(),
        sku: 'TEE-BLACK-M',
        name: 'T-shirt (M, black)',
        quantity: 1,
        unitPrice: money(total),
        lineTotal: money(total),
      },
    ],
    subtotal: money(total),
    shipping: money(0),
    tax: money(0),
    total: money(total),
    shippingAddress: { fullName: 'Ada Lovelace', line1: '1 Analytical St', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  };
}

/** The order as the orders module would publish it (the orders module is built elsewhere). */
const stocked = new WeakMap<TestApp, Set<string>>();

export async function placeOrder(t: TestApp, customer: Customer, total = 4999, currency = 'EUR'): Promise<OrderFacts> {
  const facts = orderFacts(customer, total, currency);
  const shelf = stocked.get(t) ?? new Set<string>();
  stocked.set(t, shelf);
  const missing = facts.lines.map((l) => l.sku).filter((sku) => !shelf.has(sku));
  if (missing.length) {
    await stockUp(t, missing);
    missing.forEach((sku) => shelf.add(sku));
  }
  await publishCommitted(t.app, new OrderPlaced(facts));
  return facts;
}

/**
 * A real order, checked out from a cart of one freshly stocked variant at `unitPrice`: the orders
 * module holds it and follows its payments. `total` is what the checkout charged (shipping included).
 */
export async function checkOutOrder(t: TestApp, customer: Customer, unitPrice = 4999): Promise<{ orderId: string; total: number }> {
  const variant = await publishVariant(t, { price: { amount: unitPrice, currency: 'EUR' } });
  const order = await checkOut(t, { ...customer, email: `${customer.userId}@example.test` }, [{ variant, quantity: 1 }]);
  return { orderId: order.id, total: order.total.amount };
}

/** The order as its customer sees it. */
export async function orderOf(t: TestApp, customer: Customer, orderId: string) {
  const res = await t.http.get(`/api/v1/orders/${orderId}`).set(customer.auth).expect(200);
  return res.body as { status: string; paymentStatus: string; payment: { status: string; paymentId: string | null }; history: { to: string }[] };
}

export async function cancelOrder(t: TestApp, order: OrderFacts, wasPaid: boolean): Promise<OrderCancelled> {
  const event = new OrderCancelled({
    ...order,
    status: 'cancelled',
    previousStatus: wasPaid ? 'paid' : 'pending_payment',
    wasPaid,
    reason: 'admin',
    note: null,
  });
  await publishCommitted(t.app, event);
  return event;
}

let keys = 0;
export const idempotencyKey = (): string => `test-${Date.now()}-${++keys}`;

export function pay(t: TestApp, customer: Customer, orderId: string, provider: 'stripe' | 'manual', key = idempotencyKey()) {
  return t.http.post('/api/v1/payments').set(customer.auth).set('Idempotency-Key', key).send({ orderId, provider });
}

/** Events this module published for one payment, as they sit in the outbox. */
export async function published(t: TestApp, name: string, paymentId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const rows = (await t.app.get(DataSource).query(
    `SELECT envelope FROM platform.outbox WHERE name = $1 AND envelope->'payload'->>'paymentId' = $2 ORDER BY occurred_at`,
    [name, paymentId],
  )) as { envelope: EventEnvelope<Record<string, unknown>> }[];
  return rows.map((r) => r.envelope);
}

export async function auditTrail(t: TestApp, paymentId: string): Promise<{ type: string; from_status: string | null; to_status: string | null; source: string }[]> {
  return t.app.get(DataSource).query(
    `SELECT type, from_status, to_status, source FROM payments.payment_events WHERE payment_id = $1 ORDER BY occurred_at, id`,
    [paymentId],
  );
}

export function deliver(t: TestApp, delivery: { body: string; signature: string }) {
  return t.http
    .post('/api/v1/payments/webhooks/stripe')
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', delivery.signature)
    .send(delivery.body);
}

/** The intent the emulator created for one of our payments. */
export function intentOf(emulator: StripeEmulator, paymentId: string) {
  const [intent, ...others] = emulator.createdIntents({ paymentId });
  if (!intent || others.length) throw new Error(`expected one intent for payment ${paymentId}, found ${others.length + (intent ? 1 : 0)}`);
  return intent;
}

/** An order and its open Stripe payment. */
export async function stripePaymentOf(t: TestApp, stripe: StripeEmulator, total = 4999) {
  const customer = newCustomer();
  const order = await placeOrder(t, customer, total);
  const res = await pay(t, customer, order.orderId, 'stripe').expect(201);
  return { customer, order, payment: res.body as { id: string; status: string; clientSecret: string }, intent: intentOf(stripe, res.body.id) };
}
