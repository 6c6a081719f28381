import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPaid } from '../orders/orders.events';
import { ReservationsService } from './reservations.service';

/** A paid order's reservation becomes a sale, in the transaction that marks it paid. */
@Injectable()
export class OnOrderPaidListener {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(OrderPaid)
  async sell(event: OrderPaid, tx: EntityManager): Promise<void> {
    await this.reservations.sell(tx, event.payload.orderId);
  }
}
