import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lockKey } from '../../common/database/advisory-lock';
import type { PostalAddress, ShippingMethod } from '../cart/cart.events';
import type { OrderActor } from './order-status';
import type { PaymentStatus } from './order.entity';
import { OrderNotFoundError } from './orders.errors';
import { orderLockKey, type OrderFacts, type OrderLineFact, type OrderStatus } from './orders.events';

export interface OrderRow {
  id: string;
  number: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  currency: string;
  subtotalAmount: number;
  shippingAmount: number;
  taxAmount: number;
  totalAmount: number;
  taxIncluded: boolean;
  shippingMethod: ShippingMethod;
  shippingAddress: PostalAddress;
  paymentStatus: PaymentStatus;
  paymentId: string | null;
  refundedAmount: number;
  trackingNumber: string | null;
  restockedAt: Date | null;
  paymentDueAt: Date | null;
  placedAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

export interface HistoryRow {
  kind: 'transition' | 'note';
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus;
  actor: OrderActor;
  actorId: string | null;
  note: string | null;
  createdAt: Date;
}

export const ORDER_COLUMNS = `id, number, customer_id AS "customerId", email, status, currency,
  subtotal_amount AS "subtotalAmount", shipping_amount AS "shippingAmount", tax_amount AS "taxAmount",
  total_amount AS "totalAmount", tax_included AS "taxIncluded", shipping_method AS "shippingMethod",
  shipping_address AS "shippingAddress", payment_status AS "paymentStatus", payment_id AS "paymentId",
  refunded_amount AS "refundedAmount", tracking_number AS "trackingNumber", restocked_at AS "restockedAt",
  payment_due_at AS "paymentDueAt", placed_at AS "placedAt", paid_at AS "paidAt", cancelled_at AS "cancelledAt", updated_at AS "updatedAt"`;

/** Reads orders. `customerId`, when given, scopes the query to that customer (404 otherwise). */
@Injectable()
export class OrderStore {
  /** With `lock`, the order's lock (`orderLockKey`) is taken first, then its row. */
  async find(tx: EntityManager, orderId: string, customerId: string | null = null, lock = false): Promise<OrderRow> {
    if (lock) await lockKey(tx, orderLockKey(orderId));
    const [order] = (await tx.query(
      `SELECT ${ORDER_COLUMNS} FROM orders.orders WHERE id = $1 AND ($2::uuid IS NULL OR customer_id = $2)
       ${lock ? 'FOR UPDATE' : ''}`,
      [orderId, customerId],
    )) as OrderRow[];
    if (!order) throw new OrderNotFoundError();
    return order;
  }

  async lines(tx: EntityManager, orderId: string): Promise<OrderLineFact[]> {
    const rows = (await tx.query(
      `SELECT variant_id AS "variantId", product_id AS "productId", sku, name, quantity,
              unit_price_amount AS "unitPrice", line_total_amount AS "lineTotal", currency
       FROM orders.order_lines WHERE order_id = $1 ORDER BY position`,
      [orderId],
    )) as (Omit<OrderLineFact, 'unitPrice' | 'lineTotal'> & { unitPrice: number; lineTotal: number; currency: string })[];
    return rows.map(({ currency, unitPrice, lineTotal, ...line }) => ({
      ...line,
      unitPrice: { amount: unitPrice, currency },
      lineTotal: { amount: lineTotal, currency },
    }));
  }

  async history(tx: EntityManager, orderId: string): Promise<HistoryRow[]> {
    return (await tx.query(
      `SELECT kind, from_status AS "fromStatus", to_status AS "toStatus", actor, actor_id AS "actorId", note,
              created_at AS "createdAt"
       FROM orders.order_status_history WHERE order_id = $1 ORDER BY created_at, id`,
      [orderId],
    )) as HistoryRow[];
  }

  /** What every order event carries. */
  facts(order: OrderRow, lines: OrderLineFact[]): OrderFacts {
    const money = (amount: number) => ({ amount, currency: order.currency });
    return {
      orderId: order.id,
      orderNumber: order.number,
      customerId: order.customerId,
      email: order.email,
      status: order.status,
      lines,
      subtotal: money(order.subtotalAmount),
      shipping: money(order.shippingAmount),
      tax: money(order.taxAmount),
      total: money(order.totalAmount),
      shippingAddress: order.shippingAddress,
    };
  }
}
