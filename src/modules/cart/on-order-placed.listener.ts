import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';
import { PlacedOrders } from './placed-orders';

/** Tells the checkout, in its transaction, which order number its order got. */
@Injectable()
export class OnOrderPlacedListener {
  constructor(private readonly placedOrders: PlacedOrders) {}

  @OnEvent(OrderPlaced)
  recordPlacedOrder(event: OrderPlaced, tx: EntityManager): void {
    const { orderId, orderNumber, status } = event.payload;
    this.placedOrders.record(tx, orderId, { number: orderNumber, status, placedAt: event.occurredAt });
  }
}
