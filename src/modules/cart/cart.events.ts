import { DomainEvent } from '../../common/events/domain-event';
import type { Money } from '../../common/money';

export interface PostalAddress {
  fullName: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  region?: string | null;
  /** ISO 3166-1 alpha-2, e.g. "DE". */
  country: string;
  phone?: string | null;
}

export type ShippingMethod = 'standard' | 'express';

export interface CheckoutLine {
  variantId: string;
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPrice: Money;
  lineTotal: Money;
}

/**
 * A customer checked out a cart. Prices and totals are the cart's price book at this moment.
 * Orders creates the order with `orderId` in the same transaction.
 */
export class CheckoutRequested extends DomainEvent<{
  orderId: string;
  cartId: string;
  customerId: string;
  email: string;
  lines: CheckoutLine[];
  shippingAddress: PostalAddress;
  shippingMethod: ShippingMethod;
  subtotal: Money;
  shipping: Money;
  tax: Money;
  total: Money;
  taxIncluded: boolean;
}> {
  static override readonly eventName = 'cart.checkout-requested';
}

/** A customer's cart has been idle for a day with items in it (published once per cart). */
export class CartAbandoned extends DomainEvent<{ cartId: string; customerId: string; itemCount: number; subtotal: Money }> {
  static override readonly eventName = 'cart.cart-abandoned';
}
