import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { VariantUpserted } from '../../src/modules/catalog/catalog.events';
import {
  OrderCancelled,
  OrderFacts,
  OrderItemsRestocked,
  OrderPaid,
  OrderPlaced,
  OrderStatus,
} from '../../src/modules/orders/orders.events';
import type { TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { bearer } from '../support/tokens';

export const admin = () => bearer({ role: 'admin' });

export interface Line {
  sku: string;
  quantity: number;
}

/** A SKU no other test uses. */
export const newSku = (prefix = 'SKU'): string => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** What orders says about an order, with just the lines inventory cares about. */
export function orderFacts(orderId: string, lines: Line[], status: OrderStatus = 'pending_payment'): OrderFacts {
  return {
    orderId,
    orderNumber: `EM-${orderId.slice(0, 6)}`,
    customerId: randomUUID(),
    email: 'buyer@example.test',
    status,
    lines: lines.map((l) => ({
      variantId: randomUUID(),
      productId: randomUUID(),
      sku: l.sku,
      name: `Thing ${l.sku}`,
      quantity: l.quantity,
      unitPrice: eur(1000),
      lineTotal: eur(1000 * l.quantity),
    })),
    subtotal: eur(0),
    shipping: eur(0),
    tax: eur(0),
    total: eur(0),
    shippingAddress: { fullName: 'Ada Buyer', line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  };
}

/** Catalog's fact that a variant exists: inventory creates its stock item. */
export function variantUpserted(sku: string): VariantUpserted {
  return new VariantUpserted({
    variantId: randomUUID(),
    productId: randomUUID(),
    sku,
    name: `Thing ${sku}`,
    price: eur(1000),
    sellable: true,
  });
}

/** Stock items for these SKUs, with the given on-hand figures set by an admin. */
export async function stocked(t: TestApp, levels: Record<string, number>, reorderLevel?: number): Promise<void> {
  await publishCommitted(t.app, ...Object.keys(levels).map(variantUpserted));
  for (const [sku, onHand] of Object.entries(levels)) {
    await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand, reorderLevel }).expect(200);
  }
}

export const placeOrder = (t: TestApp, orderId: string, lines: Line[]) =>
  publishCommitted(t.app, new OrderPlaced(orderFacts(orderId, lines)));

export const payOrder = (t: TestApp, orderId: string, lines: Line[]) =>
  publishCommitted(t.app, new OrderPaid(orderFacts(orderId, lines, 'paid')));

export const cancelOrder = (t: TestApp, orderId: string, lines: Line[], wasPaid: boolean) =>
  publishCommitted(
    t.app,
    new OrderCancelled({
      ...orderFacts(orderId, lines, 'cancelled'),
      previousStatus: wasPaid ? 'paid' : 'pending_payment',
      wasPaid,
      reason: wasPaid ? 'admin' : 'customer',
      note: null,
    }),
  );

export const restockItems = (t: TestApp, orderId: string, lines: Line[]) =>
  publishCommitted(t.app, new OrderItemsRestocked({ orderId, lines }));

export interface StockFigures {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  reorderLevel: number;
  lowStock: boolean;
  inStock: boolean;
}

export async function stockOf(t: TestApp, sku: string): Promise<StockFigures> {
  const res = await t.http.get(`/api/v1/admin/inventory/${sku}`).set(admin()).expect(200);
  return res.body as StockFigures;
}

export interface LedgerEntry {
  id: string;
  kind: string;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  reason: string | null;
  orderId: string | null;
  actorId: string | null;
}

/** The whole ledger of a SKU through the paginated admin route, newest first. */
export async function ledgerOf(t: TestApp, sku: string, limit = 100): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let cursor: string | null = null;
  do {
    const res = await t.http
      .get(`/api/v1/admin/inventory/${sku}/ledger`)
      .query(cursor ? { limit, cursor } : { limit })
      .set(admin())
      .expect(200);
    entries.push(...(res.body.items as LedgerEntry[]));
    cursor = res.body.nextCursor as string | null;
  } while (cursor);
  return entries;
}

/** Events inventory published for a SKU (they wait in, or have passed through, the outbox). */
export async function publishedFor(t: TestApp, name: string, sku: string): Promise<Record<string, unknown>[]> {
  const rows: { payload: Record<string, unknown> }[] = await t.app
    .get(DataSource)
    // A stock-changed payload lists its SKUs' levels; other inventory events name one SKU.
    .query(
      `SELECT p AS payload FROM platform.outbox o,
         LATERAL jsonb_array_elements(COALESCE(o.envelope->'payload'->'levels', jsonb_build_array(o.envelope->'payload'))) p
       WHERE o.name = $1 AND p->>'sku' = $2 ORDER BY o.occurred_at, o.id`,
      [name, sku],
    );
  return rows.map((r) => r.payload);
}

/** Rejection of a publish, as the publisher's transaction sees it. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; kind?: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; kind?: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the publish to fail');
}
