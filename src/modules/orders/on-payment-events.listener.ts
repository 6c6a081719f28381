import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { PaymentFailed, PaymentSucceeded, RefundIssued } from '../payments/payments.events';
import { OrderStore } from './order-store';
import { OrderTransitions } from './order-transitions.service';
import { ignoreMissing } from './orders.errors';
import { OrderItemsRestocked } from './orders.events';

const formatMoney = (amount: number, currency: string) => `${(amount / 100).toFixed(2)} ${currency}`;

/**
 * Orders follow payments, in the payments module's transaction: a captured payment pays a pending
 * order (and inventory sells the reservation on `orders.order-paid`); everything else is recorded
 * in the history without moving the order backwards.
 */
@Injectable()
export class OnPaymentEventsListener {
  private readonly logger = new Logger(OnPaymentEventsListener.name);

  constructor(
    private readonly store: OrderStore,
    private readonly transitions: OrderTransitions,
    private readonly events: EventBus,
  ) {}

  @OnEvent(PaymentSucceeded)
  async markPaid(event: PaymentSucceeded, tx: EntityManager): Promise<void> {
    const { orderId, paymentId, provider, amount } = event.payload;
    const order = await this.store.find(tx, orderId, null, true).catch(ignoreMissing);
    if (!order) return this.logger.warn({ orderId, paymentId }, 'payment for an unknown order');
    if (order.paymentId === paymentId && order.paymentStatus !== 'unpaid' && order.paymentStatus !== 'failed') return;
    const paid = formatMoney(amount.amount, amount.currency);
    await tx.query(
      `UPDATE orders.orders SET payment_status = 'paid', payment_id = $2, updated_at = now() WHERE id = $1`,
      [orderId, paymentId],
    );
    if (order.status === 'pending_payment') {
      await this.transitions.apply(tx, order, { to: 'paid', actor: 'payment', actorId: paymentId, note: `Paid ${paid} (${provider})` });
      return;
    }
    const note =
      order.status === 'cancelled'
        ? `Payment of ${paid} (${provider}) succeeded after the order was cancelled; it must be refunded`
        : `Another payment of ${paid} (${provider}) succeeded; the order was already paid`;
    await this.transitions.record(tx, orderId, { kind: 'note', from: order.status, to: order.status, actor: 'payment', actorId: paymentId, note });
  }

  @OnEvent(PaymentFailed)
  async recordFailure(event: PaymentFailed, tx: EntityManager): Promise<void> {
    const { orderId, paymentId, provider, reason } = event.payload;
    const order = await this.store.find(tx, orderId, null, true).catch(ignoreMissing);
    if (!order) return;
    if (order.status === 'pending_payment') {
      await tx.query(
        `UPDATE orders.orders SET payment_status = 'failed', updated_at = now() WHERE id = $1 AND payment_status = 'unpaid'`,
        [orderId],
      );
    }
    await this.transitions.record(tx, orderId, {
      kind: 'note',
      from: order.status,
      to: order.status,
      actor: 'payment',
      actorId: paymentId,
      note: `Payment failed (${provider}): ${reason}`,
    });
  }

  /** Records the refunded amount; with `restock`, asks inventory to put the items back (once). */
  @OnEvent(RefundIssued)
  async recordRefund(event: RefundIssued, tx: EntityManager): Promise<void> {
    const { orderId, refundId, amount, totalRefunded, fullyRefunded, restock, reason } = event.payload;
    const order = await this.store.find(tx, orderId, null, true).catch(ignoreMissing);
    if (!order) return this.logger.warn({ orderId, refundId }, 'refund for an unknown order');
    // Stock of an order cancelled after payment went back with orders.order-cancelled already.
    const restockNow = restock && order.restockedAt === null && order.status !== 'cancelled';
    await tx.query(
      `UPDATE orders.orders SET refunded_amount = GREATEST(refunded_amount, $2), payment_status = $3,
         restocked_at = CASE WHEN $4 THEN now() ELSE restocked_at END, updated_at = now()
       WHERE id = $1`,
      [orderId, totalRefunded.amount, fullyRefunded ? 'refunded' : 'partially_refunded', restockNow],
    );
    const refunded = formatMoney(amount.amount, amount.currency);
    await this.transitions.record(tx, orderId, {
      kind: 'note',
      from: order.status,
      to: order.status,
      actor: 'payment',
      actorId: event.payload.paymentId,
      note: `Refunded ${refunded}${reason ? `: ${reason}` : ''}${restockNow ? '; items restocked' : ''}`,
    });
    if (restockNow) {
      const lines = await this.store.lines(tx, orderId);
      await this.events.publish(
        tx,
        new OrderItemsRestocked({ orderId, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }),
      );
    }
  }
}
