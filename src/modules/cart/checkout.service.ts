import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/auth.types';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { IdempotentAnswers } from '../../common/http/idempotency';
import { customerCaller } from './cart-access';
import { orderLocation } from './cart-http';
import { CartPresenter, isAvailable } from './cart-presenter';
import { CartStore, type CartLineRow } from './cart-store';
import { computeTotals, lineTotal } from './cart-totals';
import { CheckoutLine, CheckoutRequested } from './cart.events';
import { EmptyCartError, OrderNotPlacedError, UnsellableLinesError } from './cart.errors';
import type { CheckoutDto, CheckoutOrderDto } from './dto/checkout.dto';
import { PlacedOrders } from './placed-orders';

/**
 * Checkout, in ONE transaction: the cart prices its lines from its price book, publishes
 * `cart.checkout-requested`; orders creates the order and publishes `orders.order-placed`, on which
 * inventory reserves the stock (or throws, rolling everything back) and the cart learns the order
 * number. The cart is closed as the first statement, so a concurrent change waits for the outcome.
 * The answer to the Idempotency-Key commits with the order. Nothing the client sends is a price.
 */
@Injectable()
export class CheckoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CartStore,
    private readonly presenter: CartPresenter,
    private readonly events: EventBus,
    private readonly placedOrders: PlacedOrders,
    private readonly answers: IdempotentAnswers,
  ) {}

  async checkout(cartId: string, user: Principal, request: CheckoutDto, ifMatch?: string): Promise<CheckoutOrderDto> {
    return this.dataSource.transaction(async (tx) => {
      const orderId = newId();
      const lines = this.checkoutLines(await this.store.beginCheckout(tx, cartId, customerCaller(user), ifMatch, orderId));
      const totals = computeTotals(
        lines.map((l) => ({ unitPrice: l.unitPrice.amount, quantity: l.quantity })),
        { shippingMethod: request.shippingMethod, country: request.shippingAddress.country },
        this.presenter.rules,
      );
      const shippingAddress = {
        fullName: request.shippingAddress.fullName,
        line1: request.shippingAddress.line1,
        line2: request.shippingAddress.line2 ?? null,
        city: request.shippingAddress.city,
        postalCode: request.shippingAddress.postalCode,
        region: request.shippingAddress.region ?? null,
        country: request.shippingAddress.country,
        phone: request.shippingAddress.phone ?? null,
      };
      const requested = new CheckoutRequested({
        orderId,
        cartId,
        customerId: user.userId,
        email: request.email ?? user.email,
        lines,
        shippingAddress,
        shippingMethod: request.shippingMethod,
        subtotal: this.presenter.money(totals.subtotal),
        shipping: this.presenter.money(totals.shipping),
        tax: this.presenter.money(totals.tax),
        total: this.presenter.money(totals.total),
        taxIncluded: totals.taxIncluded,
      });
      await this.events.publish(tx, requested);
      const placed = this.placedOrders.take(tx, orderId);
      if (!placed) throw new OrderNotPlacedError();
      const { orderId: _, ...facts } = requested.payload;
      const answer: CheckoutOrderDto = { id: orderId, ...facts, shippingAddress, ...placed };
      this.answers.storeWith(tx, answer, { location: orderLocation(orderId) });
      return answer;
    });
  }

  /** Every line priced from the price book; refuses an empty cart or lines that cannot be bought. */
  private checkoutLines(rows: CartLineRow[]): CheckoutLine[] {
    if (rows.length === 0) throw new EmptyCartError();
    const unavailable = rows.filter((row) => !isAvailable(row, this.presenter.currency));
    if (unavailable.length) {
      throw new UnsellableLinesError(unavailable.map(({ variantId, sku, name }) => ({ variantId, sku, name })));
    }
    return rows.map((row) => ({
      variantId: row.variantId,
      productId: row.productId!,
      sku: row.sku!,
      name: row.name!,
      quantity: row.quantity,
      unitPrice: this.presenter.money(row.priceAmount!),
      lineTotal: this.presenter.money(lineTotal({ unitPrice: row.priceAmount!, quantity: row.quantity })),
    }));
  }
}
