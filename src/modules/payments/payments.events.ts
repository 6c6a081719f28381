import { DomainEvent } from '../../common/events/domain-event';
import type { Money } from '../../common/money';

export type PaymentProvider = 'stripe' | 'manual';

/** Money for an order was captured (Stripe webhook, reconciliation, or an admin's confirmation). */
export class PaymentSucceeded extends DomainEvent<{
  paymentId: string;
  orderId: string;
  customerId: string;
  provider: PaymentProvider;
  amount: Money;
}> {
  static override readonly eventName = 'payments.payment-succeeded';
}

/** A payment attempt failed; the order stays pending until it is paid or times out. */
export class PaymentFailed extends DomainEvent<{
  paymentId: string;
  orderId: string;
  customerId: string;
  provider: PaymentProvider;
  reason: string;
}> {
  static override readonly eventName = 'payments.payment-failed';
}

/**
 * A customer chose to pay an order manually (bank transfer, cash on delivery): staff confirm it
 * later, so the order may wait longer than a card payment. `requestedAt` is an ISO timestamp.
 */
export class ManualPaymentRequested extends DomainEvent<{
  paymentId: string;
  orderId: string;
  requestedAt: string;
}> {
  static override readonly eventName = 'payments.manual-payment-requested';
}

/** Money went back to the customer. `restock` asks orders to put the items back. */
export class RefundIssued extends DomainEvent<{
  refundId: string;
  paymentId: string;
  orderId: string;
  customerId: string;
  amount: Money;
  totalRefunded: Money;
  fullyRefunded: boolean;
  restock: boolean;
  reason: string | null;
}> {
  static override readonly eventName = 'payments.refund-issued';
}
