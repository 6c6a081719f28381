import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { OrderCancelled, OrderPaid, OrderPlaced, OrderShipped } from '../orders/orders.events';
import { RefundIssued } from '../payments/payments.events';
import { cancellationReason, orderContext } from './order-mail.context';
import { OrderContactsListener } from './order-contacts.listener';
import { OutgoingMailService } from './outgoing-mail.service';

/**
 * Mail to customers about their orders: received, receipt, shipped, cancelled, refunded.
 * Repeatable: a second delivery of an event records no second message (OutgoingMailService).
 */
@Injectable()
export class OrderMailListener {
  private readonly logger = new Logger(OrderMailListener.name);

  constructor(
    private readonly mail: OutgoingMailService,
    private readonly contacts: OrderContactsListener,
  ) {}

  @OnEventAsync(OrderPlaced, { repeatable: true })
  async onOrderPlaced(event: OrderPlaced, db: EntityManager): Promise<void> {
    const order = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'order-received',
      to: order.email,
      userId: order.customerId,
      context: orderContext(order),
    });
  }

  /** "Payment succeeded" as the order knows it: the receipt. */
  @OnEventAsync(OrderPaid, { repeatable: true })
  async onOrderPaid(event: OrderPaid, db: EntityManager): Promise<void> {
    const order = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'order-receipt',
      to: order.email,
      userId: order.customerId,
      context: orderContext(order),
    });
  }

  @OnEventAsync(OrderShipped, { repeatable: true })
  async onOrderShipped(event: OrderShipped, db: EntityManager): Promise<void> {
    const order = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'order-shipped',
      to: order.email,
      userId: order.customerId,
      context: { ...orderContext(order), trackingNumber: order.trackingNumber },
    });
  }

  @OnEventAsync(OrderCancelled, { repeatable: true })
  async onOrderCancelled(event: OrderCancelled, db: EntityManager): Promise<void> {
    const order = event.payload;
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'order-cancelled',
      to: order.email,
      userId: order.customerId,
      context: { ...orderContext(order), wasPaid: order.wasPaid, reasonText: cancellationReason(order.reason) },
    });
  }

  /** The refund names the order only; the address comes from our projection of placed orders. */
  @OnEventAsync(RefundIssued, { repeatable: true })
  async onRefundIssued(event: RefundIssued, db: EntityManager): Promise<void> {
    const refund = event.payload;
    const contact = await this.contacts.find(db, refund.orderId);
    if (!contact) {
      this.logger.warn({ orderId: refund.orderId, refundId: refund.refundId }, 'refund of an order we never saw placed: no mail');
      return;
    }
    await this.mail.queue(db, {
      eventId: event.id,
      template: 'refund-issued',
      to: contact.email,
      userId: refund.customerId,
      context: {
        orderId: refund.orderId,
        orderNumber: contact.orderNumber,
        amount: refund.amount,
        totalRefunded: refund.totalRefunded,
        fullyRefunded: refund.fullyRefunded,
      },
    });
  }
}
