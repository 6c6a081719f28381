import { DomainEvent } from '../../common/events/domain-event';
import type { Money } from '../../common/money';
import type { CheckoutLine, PostalAddress } from '../cart/cart.events';

export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'shipped' | 'delivered' | 'cancelled';

/** An order line is the checkout line it was created from, snapshotted. */
export type OrderLineFact = CheckoutLine;

/** What every order event says about the order, so no consumer has to call back. */
export interface OrderFacts {
  orderId: string;
  orderNumber: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  lines: OrderLineFact[];
  subtotal: Money;
  shipping: Money;
  tax: Money;
  total: Money;
  shippingAddress: PostalAddress;
}

/**
 * The name of an order's lock (see `lockKey`). A transaction that may lock an order's rows in more
 * than one module takes it before any of them: paying (payable, payment, then the order through
 * `payments.payment-succeeded`) and cancelling (the order, then the payable through
 * `orders.order-cancelled`) would otherwise deadlock.
 */
export const orderLockKey = (orderId: string): string => `orders.order:${orderId}`;

/** An order was created, pending payment. Inventory reserves its lines in the same transaction. */
export class OrderPlaced extends DomainEvent<OrderFacts> {
  static override readonly eventName = 'orders.order-placed';
}

/** The order was paid; inventory turns the reservation into a sale. */
export class OrderPaid extends DomainEvent<OrderFacts> {
  static override readonly eventName = 'orders.order-paid';
}

export class OrderFulfilled extends DomainEvent<OrderFacts> {
  static override readonly eventName = 'orders.order-fulfilled';
}

export class OrderShipped extends DomainEvent<OrderFacts & { trackingNumber: string }> {
  static override readonly eventName = 'orders.order-shipped';
}

export class OrderDelivered extends DomainEvent<OrderFacts> {
  static override readonly eventName = 'orders.order-delivered';
}

/**
 * The order was cancelled. From `pending_payment` inventory releases the reservation and payments
 * cancels any open intent; from `paid` (`wasPaid`) payments refunds and inventory restocks.
 */
export class OrderCancelled extends DomainEvent<
  OrderFacts & { previousStatus: OrderStatus; wasPaid: boolean; reason: 'customer' | 'admin' | 'payment_timeout'; note: string | null }
> {
  static override readonly eventName = 'orders.order-cancelled';
}

/** Refunded items go back on the shelf (an admin asked for a restock with the refund). */
export class OrderItemsRestocked extends DomainEvent<{ orderId: string; lines: { sku: string; quantity: number }[] }> {
  static override readonly eventName = 'orders.order-items-restocked';
}
