import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';
import { ReservationsService } from './reservations.service';

/** Reserves every line of a new order in its transaction, or throws INSUFFICIENT_STOCK. */
@Injectable()
export class OnOrderPlacedListener {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(OrderPlaced)
  async reserve(event: OrderPlaced, tx: EntityManager): Promise<void> {
    await this.reservations.reserve(tx, event.payload.orderId, event.payload.lines);
  }
}
