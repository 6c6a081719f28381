import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Money } from '../../common/money';
import type { ShippingMethod } from './cart.events';
import { CartConfig, pricingRules } from './cart.config';
import { CartStore, type CartLineRow, type CartRow } from './cart-store';
import { computeTotals, lineTotal, PricingRules } from './cart-totals';
import type { CartDto, CartLineDto } from './dto/cart.dto';

export interface CartEstimate {
  country?: string;
  shippingMethod?: ShippingMethod;
}

/** A line the shopper can buy now: known, sellable, priced in the store's currency. */
export const isAvailable = (line: CartLineRow, currency: string): boolean =>
  line.sellable === true && line.priceAmount !== null && line.currency === currency;

/** Turns a cart and its lines into what the API shows, with the price book's prices and the totals. */
@Injectable()
export class CartPresenter {
  readonly rules: PricingRules;

  constructor(
    private readonly config: CartConfig,
    private readonly store: CartStore,
  ) {
    this.rules = pricingRules(config);
  }

  get currency(): string {
    return this.config.STORE_CURRENCY;
  }

  money(amount: number): Money {
    return { amount, currency: this.config.STORE_CURRENCY };
  }

  async load(tx: EntityManager, cart: CartRow, estimate: CartEstimate = {}): Promise<CartDto> {
    return this.present(cart, await this.store.lines(tx, cart.id), estimate);
  }

  present(cart: CartRow, lines: CartLineRow[], estimate: CartEstimate = {}): CartDto {
    const currency = this.config.STORE_CURRENCY;
    const country = estimate.country ?? this.config.DEFAULT_COUNTRY;
    const shippingMethod = estimate.shippingMethod ?? 'standard';
    const items = lines.map((line) => this.line(line));
    const priced = lines
      .filter((line) => isAvailable(line, currency))
      .map((line) => ({ unitPrice: line.priceAmount!, quantity: line.quantity }));
    const totals = computeTotals(priced, { shippingMethod, country }, this.rules);
    const threshold = this.config.FREE_SHIPPING_THRESHOLD_MINOR;
    return {
      id: cart.id,
      status: cart.status,
      customerId: cart.customerId,
      version: cart.version,
      currency,
      items,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      totals: {
        subtotal: this.money(totals.subtotal),
        shipping: this.money(totals.shipping),
        tax: this.money(totals.tax),
        total: this.money(totals.total),
        taxRatePercent: totals.taxRatePercent,
        taxIncluded: totals.taxIncluded,
        country,
        shippingMethod,
        freeShippingThreshold: threshold > 0 ? this.money(threshold) : null,
      },
      orderId: cart.orderId,
      createdAt: new Date(cart.createdAt).toISOString(),
      updatedAt: new Date(cart.updatedAt).toISOString(),
    };
  }

  private line(line: CartLineRow): CartLineDto {
    const available = isAvailable(line, this.config.STORE_CURRENCY);
    const unitPrice = line.priceAmount;
    return {
      id: line.id,
      variantId: line.variantId,
      productId: line.productId,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPrice: unitPrice === null ? null : { amount: unitPrice, currency: line.currency! },
      lineTotal: unitPrice === null ? null : { amount: lineTotal({ unitPrice, quantity: line.quantity }), currency: line.currency! },
      available,
    };
  }
}
