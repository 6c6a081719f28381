import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';

export interface OrderContactRow {
  orderNumber: string;
  email: string;
}

const RECORD_CONTACT = new PreparedStatement(
  'notifications.record-order-contact',
  `INSERT INTO notifications.order_contacts (order_id, order_number, customer_id, email, email_as_of)
   VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
);

const FIND_CONTACT = new PreparedStatement<OrderContactRow>(
  'notifications.find-order-contact',
  `SELECT order_number AS "orderNumber", email FROM notifications.order_contacts WHERE order_id = $1`,
);

/**
 * The order contact projection (orderId -> order number, customer, address). Fed in the orders
 * transaction, so it exists before anything can refund the order.
 */
@Injectable()
export class OrderContactsListener {
  @OnEvent(OrderPlaced)
  async onOrderPlaced(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId, orderNumber, customerId, email } = event.payload;
    await RECORD_CONTACT.run(tx, [orderId, orderNumber, customerId, email, event.occurredAt]);
  }

  async find(tx: EntityManager, orderId: string): Promise<OrderContactRow | undefined> {
    const {
      rows: [row],
    } = await FIND_CONTACT.run(tx, [orderId]);
    return row;
  }
}
