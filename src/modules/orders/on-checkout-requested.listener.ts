import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { CheckoutRequested } from '../cart/cart.events';
import { OrderPlaced } from './orders.events';

/** The order, its lines and its first history row in one statement: each round trip is a real cost of a checkout. */
const PLACE_ORDER = new PreparedStatement<{ number: string }>(
  'orders.place-order',
  `WITH placed AS (
     INSERT INTO orders.orders (id, number, cart_id, customer_id, email, status, currency, subtotal_amount,
       shipping_amount, tax_amount, total_amount, tax_included, shipping_method, shipping_address)
     SELECT $1, 'EM-' || lpad(s.n::text, greatest(6, length(s.n::text)), '0'), $2, $3, $4, 'pending_payment', $5,
            $6, $7, $8, $9, $10, $11, $12
     FROM (SELECT nextval('orders.order_number_seq') AS n) s
     RETURNING id, number
   ),
   lines AS (
     INSERT INTO orders.order_lines (id, order_id, position, variant_id, product_id, sku, name, quantity,
       unit_price_amount, line_total_amount, currency)
     SELECT t.id, placed.id, t.position, t.variant_id, t.product_id, t.sku, t.name, t.quantity, t.unit_price, t.line_total, t.currency
     FROM placed, unnest($13::uuid[], $14::int[], $15::uuid[], $16::uuid[], $17::text[], $18::text[], $19::int[], $20::int[],
                         $21::int[], $22::text[])
       AS t(id, position, variant_id, product_id, sku, name, quantity, unit_price, line_total, currency)
   ),
   history AS (
     INSERT INTO orders.order_status_history (id, order_id, kind, from_status, to_status, actor, actor_id, note)
     SELECT $23, placed.id, 'transition', NULL, 'pending_payment', 'customer', $3, 'Order placed' FROM placed
   )
   SELECT number FROM placed`,
);

/**
 * Places the order in the checkout's transaction: order, lines and first history row, then
 * `orders.order-placed`, on which inventory reserves the stock (or throws, undoing all of it).
 */
@Injectable()
export class OnCheckoutRequestedListener {
  constructor(private readonly events: EventBus) {}

  @OnEvent(CheckoutRequested)
  async placeOrder(event: CheckoutRequested, tx: EntityManager): Promise<void> {
    const p = event.payload;
    const {
      rows: [order],
    } = await PLACE_ORDER.run(tx, [
      p.orderId, p.cartId, p.customerId, p.email, p.total.currency, p.subtotal.amount, p.shipping.amount,
      p.tax.amount, p.total.amount, p.taxIncluded, p.shippingMethod, JSON.stringify(p.shippingAddress),
      p.lines.map(() => newId()),
      p.lines.map((_, i) => i + 1),
      p.lines.map((l) => l.variantId),
      p.lines.map((l) => l.productId),
      p.lines.map((l) => l.sku),
      p.lines.map((l) => l.name),
      p.lines.map((l) => l.quantity),
      p.lines.map((l) => l.unitPrice.amount),
      p.lines.map((l) => l.lineTotal.amount),
      p.lines.map((l) => l.unitPrice.currency),
      newId(),
    ]);
    await this.events.publish(
      tx,
      new OrderPlaced({
        orderId: p.orderId,
        orderNumber: order.number,
        customerId: p.customerId,
        email: p.email,
        status: 'pending_payment',
        lines: p.lines,
        subtotal: p.subtotal,
        shipping: p.shipping,
        tax: p.tax,
        total: p.total,
        shippingAddress: p.shippingAddress,
      }),
    );
  }
}
