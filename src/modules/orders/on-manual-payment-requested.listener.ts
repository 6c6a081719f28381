import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { ManualPaymentRequested } from '../payments/payments.events';
import { manualPaymentTimeoutMs, OrdersConfig } from './orders.config';

/**
 * Staff confirm manual payments by hand, so a pending order whose customer chose one waits
 * MANUAL_PAYMENT_TIMEOUT_HOURS from the request instead of the card timeout (in the payments
 * module's transaction). The expiry job reads the deadline; a deadline only ever moves later.
 */
@Injectable()
export class OnManualPaymentRequestedListener {
  private readonly logger = new Logger(OnManualPaymentRequestedListener.name);

  constructor(private readonly config: OrdersConfig) {}

  @OnEvent(ManualPaymentRequested)
  async extendDeadline(event: ManualPaymentRequested, tx: EntityManager): Promise<void> {
    const { orderId, paymentId, requestedAt } = event.payload;
    const dueAt = new Date(Date.parse(requestedAt) + manualPaymentTimeoutMs(this.config));
    const [, updated] = (await tx.query(
      `UPDATE orders.orders SET payment_due_at = GREATEST(payment_due_at, $2), updated_at = now()
       WHERE id = $1 AND status = 'pending_payment'`,
      [orderId, dueAt],
    )) as [unknown, number];
    if (updated === 0) return this.logger.warn({ orderId, paymentId }, 'manual payment for no pending order');
    this.logger.log({ orderId, paymentId, dueAt }, 'awaiting a manual payment');
  }
}
