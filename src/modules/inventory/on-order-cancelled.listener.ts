import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderCancelled } from '../orders/orders.events';
import { ReservationsService } from './reservations.service';

/**
 * A cancelled order gives its stock back: released when it was pending payment, restocked when it
 * had been paid (`wasPaid`). The reservation's own state tells which, so the flag is not needed.
 */
@Injectable()
export class OnOrderCancelledListener {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(OrderCancelled)
  async giveBack(event: OrderCancelled, tx: EntityManager): Promise<void> {
    await this.reservations.cancel(tx, event.payload.orderId, event.payload.reason);
  }
}
