import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderItemsRestocked } from '../orders/orders.events';
import { ReservationsService } from './reservations.service';

/** Refunded items the admin chose to restock go back on the shelf. */
@Injectable()
export class OnOrderItemsRestockedListener {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(OrderItemsRestocked)
  async restock(event: OrderItemsRestocked, tx: EntityManager): Promise<void> {
    await this.reservations.restock(tx, event.payload.orderId, event.payload.lines);
  }
}
