import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { MAX_LINE_QUANTITY } from './cart-item.entity';

/** Also what anyone but the cart's owner gets: a cart that is not yours does not exist for you. */
export class CartNotFoundError extends NotFoundError {
  constructor() {
    super('Cart', 'CART.NOT_FOUND');
  }
}

export class CartItemNotFoundError extends NotFoundError {
  constructor() {
    super('Cart item', 'CART.ITEM_NOT_FOUND');
  }
}

export class GuestCartNotFoundError extends NotFoundError {
  constructor() {
    super('Guest cart for this X-Cart-Token', 'CART.GUEST_CART_NOT_FOUND');
  }
}

export class CartCheckedOutError extends DomainError {
  constructor(orderId: string | null) {
    super('conflict', 'CART.ALREADY_CHECKED_OUT', 'This cart has been checked out; a new cart starts with your next item', {
      orderId,
    });
  }
}

export type UnsellableReason = 'unknown' | 'not_sellable' | 'other_currency';

export class VariantNotSellableError extends DomainError {
  constructor(variantId: string, reason: UnsellableReason) {
    super('unprocessable', 'CART.VARIANT_NOT_SELLABLE', `Variant ${variantId} cannot be bought`, { variantId, reason });
  }
}

export class QuantityLimitError extends DomainError {
  constructor(variantId: string, quantityInCart: number) {
    super(
      'unprocessable',
      'CART.QUANTITY_LIMIT_EXCEEDED',
      `At most ${MAX_LINE_QUANTITY} of variant ${variantId} fit in one cart`,
      { variantId, quantityInCart, maxQuantity: MAX_LINE_QUANTITY },
    );
  }
}

export class EmptyCartError extends DomainError {
  constructor() {
    super('unprocessable', 'CART.EMPTY', 'An empty cart cannot be checked out');
  }
}

export class UnsellableLinesError extends DomainError {
  constructor(lines: { variantId: string; sku: string | null; name: string | null }[]) {
    super(
      'unprocessable',
      'CART.LINES_NOT_SELLABLE',
      `These items can no longer be bought: ${lines.map((l) => l.sku ?? l.variantId).join(', ')}`,
      { lines },
    );
  }
}

/** The orders module did not answer the checkout (it must subscribe to cart.checkout-requested). */
export class OrderNotPlacedError extends DomainError {
  constructor() {
    super('unavailable', 'CART.ORDER_NOT_PLACED', 'The order could not be placed, please retry');
  }
}
