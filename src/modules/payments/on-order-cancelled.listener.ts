import { Injectable, Logger } from '@nestjs/common';
import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { OnEvent, OnEventAsync } from '../../common/events/event-handler.decorators';
import { OrderCancelled } from '../orders/orders.events';
import { IntentCanceller } from './intent-canceller.service';
import { Payable } from './payable.entity';
import { Payment } from './payment.entity';
import { OPEN_STATUSES } from './payment-state';
import { PaymentTransitions } from './payment-transitions.service';
import { RefundsService } from './refunds.service';

/**
 * A cancelled order is no longer payable (in its transaction). After commit, open Stripe intents are
 * cancelled and what is left of any captured money is refunded (the whole of it when `wasPaid`).
 */
@Injectable()
export class OnOrderCancelledListener {
  private readonly logger = new Logger(OnOrderCancelledListener.name);

  constructor(
    private readonly transitions: PaymentTransitions,
    private readonly canceller: IntentCanceller,
    private readonly refunds: RefundsService,
  ) {}

  @OnEvent(OrderCancelled)
  async makeUnpayable(event: OrderCancelled, tx: EntityManager): Promise<void> {
    const { orderId } = event.payload;
    await tx.findOne(Payable, { where: { orderId }, lock: { mode: 'pessimistic_write' } });
    await tx.update(Payable, { orderId }, { status: 'cancelled' });
    // Nothing outside knows about these: a manual payment, or a Stripe one whose intent was never stored.
    const local = await tx
      .getRepository(Payment)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.order_id = :orderId AND p.status IN (:...open)', { orderId, open: OPEN_STATUSES })
      .andWhere(`(p.provider = 'manual' OR p.provider_ref IS NULL)`)
      .getMany();
    for (const payment of local) {
      await this.transitions.changeStatus(tx, payment, 'cancelled', { source: 'order_cancelled', data: { eventId: event.id } });
    }
  }

  /**
   * Talks to Stripe, so it must not run inside the inbox transaction: that would hold a pooled
   * connection, an open transaction and its locks for every Stripe round trip. Each step is safe to
   * repeat instead: only intents still open are cancelled (and cancelling one Stripe has already
   * cancelled comes back as it is), and the refund's request key, unique per payment, ties it to this
   * event, so a second or concurrent run completes the same refund with the same Stripe key.
   */
  @OnEventAsync(OrderCancelled, { repeatable: true })
  async releaseMoney(event: OrderCancelled, db: EntityManager): Promise<void> {
    const { orderId, wasPaid } = event.payload;
    const open = await db.find(Payment, {
      where: { orderId, provider: 'stripe', status: In(OPEN_STATUSES), providerRef: Not(IsNull()) },
    });
    for (const payment of open) await this.canceller.cancel(payment.id, 'order_cancelled');
    // Whatever was captured goes back: the order's payment, and a capture that raced the cancellation.
    const captured = await db.find(Payment, { where: { orderId, status: In(['succeeded', 'flagged']) } });
    for (const payment of captured) {
      const refund = await this.refunds.refundRemaining(payment.id, {
        requestKey: `order-cancelled-${event.id}`,
        reason: 'order cancelled',
        source: 'order_cancelled',
      });
      if (refund) this.logger.log({ orderId, wasPaid, paymentId: payment.id, refundId: refund.id }, 'refunded a cancelled order');
    }
  }
}
