import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';

export interface OrderContactRow {
  orderNumber: string;
  email: string;
}

/**
 * The order contact projection (orderId -> order number, customer, address). Fed in the orders
 * transaction, so it exists before anything can refund the order.
 */
@Injectable()
export class OrderContactsListener {
  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId, orderNumber, customerId, email } = event.payload;
    await tx.query(
      `INSERT INTO notifications.order_contacts (order_id, order_number, customer_id, email, email_as_of)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, orderNumber, customerId, email, event.occurredAt],
    );
  }

  async find(tx: EntityManager, orderId: string): Promise<OrderContactRow | undefined> {
    const [row] = (await tx.query(
      `SELECT order_number AS "orderNumber", email FROM notifications.order_contacts WHERE order_id = $1`,
      [orderId],
    )) as OrderContactRow[];
    return row;
  }
}
