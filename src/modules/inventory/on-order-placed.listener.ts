import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';
import { ReservationsService } from './reservations.service';

/**
 * Reserves every line of a new order in its transaction, or throws INSUFFICIENT_STOCK. Runs after
 * the order's other subscribers: every checkout of a SKU waits for its row lock, so the lock is
 * taken as late in the checkout as possible.
 */
@Injectable()
export class OnOrderPlacedListener {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(OrderPlaced, { locksContendedRows: true })
  async reserve(event: OrderPlaced, tx: EntityManager): Promise<void> {
    await this.reservations.reserve(tx, event.payload.orderId, event.payload.lines);
  }
}
