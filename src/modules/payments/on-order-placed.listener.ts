import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { OrderPlaced } from '../orders/orders.events';
import { PaymentsConfig } from './payments.config';

const RECORD_PAYABLE = new PreparedStatement(
  'payments.record-payable',
  `INSERT INTO payments.payables (order_id, order_number, customer_id, amount, currency, status)
   VALUES ($1, $2, $3, $4, $5, 'payable') ON CONFLICT (order_id) DO NOTHING`,
);

/** Keeps what is payable per order, in the transaction that placed the order. */
@Injectable()
export class OnOrderPlacedListener {
  private readonly logger = new Logger(OnOrderPlacedListener.name);

  constructor(private readonly config: PaymentsConfig) {}

  /** The order's own total is what is due, in its own currency; a currency other than the store's is worth a look. */
  @OnEvent(OrderPlaced)
  async recordPayable(event: OrderPlaced, tx: EntityManager): Promise<void> {
    const { orderId, orderNumber, customerId, total } = event.payload;
    if (total.currency.toUpperCase() !== this.config.STORE_CURRENCY) {
      this.logger.warn({ orderId, currency: total.currency, storeCurrency: this.config.STORE_CURRENCY }, 'order placed in another currency than the store');
    }
    await RECORD_PAYABLE.run(tx, [orderId, orderNumber, customerId, total.amount, total.currency.toUpperCase()]);
  }
}
