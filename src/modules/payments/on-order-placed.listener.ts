import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';

/** Keeps what is payable per order, in the transaction that placed the order. */
@Injectable()
export class OnOrderPlacedListener {
  @OnEvent(OrderPlaced)
  async recordPayable(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId, orderNumber, customerId, total } = event.payload;
    await tx.query(
      `INSERT INTO payments.payables (order_id, order_number, customer_id, amount, currency, status)
       VALUES ($1, $2, $3, $4, $5, 'payable') ON CONFLICT (order_id) DO NOTHING`,
      [orderId, orderNumber, customerId, total.amount, total.currency.toUpperCase()],
    );
  }
}
