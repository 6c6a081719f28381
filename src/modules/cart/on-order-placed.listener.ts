import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';

/** Keeps the cart's record of placed orders, in the checkout's transaction, for the checkout answer. */
@Injectable()
export class OnOrderPlacedListener {
  @OnEvent(OrderPlaced)
  async recordPlacedOrder(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId, orderNumber, customerId, status } = event.payload;
    await tx.query(
      `INSERT INTO cart.placed_orders (order_id, order_number, customer_id, status, placed_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, orderNumber, customerId, status, event.occurredAt],
    );
  }
}
