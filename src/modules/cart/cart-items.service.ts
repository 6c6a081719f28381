import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import type { CartCaller } from './cart-access';
import { CartConfig } from './cart.config';
import { MAX_LINE_QUANTITY } from './cart-item.entity';
import { CartPresenter } from './cart-presenter';
import { CartStore } from './cart-store';
import { LineAdditions } from './line-additions';
import { CartItemNotFoundError, QuantityLimitError, UnsellableReason, VariantNotSellableError } from './cart.errors';
import type { CartDto } from './dto/cart.dto';

/** Changing a cart's lines; each change locks the cart, honours If-Match and bumps its version. */
@Injectable()
export class CartItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CartStore,
    private readonly additions: LineAdditions,
    private readonly presenter: CartPresenter,
    private readonly config: CartConfig,
  ) {}

  /**
   * Adds a sellable variant, or adds to its quantity when it is already in the cart: one statement
   * (see `LineAdditions`), so concurrent adds sum up. A second one reads the cart back only when
   * another change raced this one, or to explain a refusal.
   */
  async add(cartId: string, caller: CartCaller, variantId: string, quantity: number, ifMatch?: string): Promise<CartDto> {
    const db = this.dataSource.manager;
    const outcome = await this.additions.add({
      cartId,
      caller,
      ifMatch,
      lineId: newId(),
      variantId,
      quantity,
      currency: this.config.STORE_CURRENCY,
      maxQuantity: MAX_LINE_QUANTITY,
    });
    if (outcome.added && outcome.after) return this.presenter.present(outcome.after.cart, outcome.after.lines);
    const { cart, lines } = await this.store.findOwnedWithLines(db, cartId, caller);
    if (!outcome.added) {
      this.store.assertChangeable(cart, ifMatch);
      await this.explainRefusal(db, cartId, variantId);
    }
    return this.presenter.present(cart, lines);
  }

  /** Sets a line's quantity; 0 removes it. */
  async update(cartId: string, caller: CartCaller, itemId: string, quantity: number, ifMatch?: string): Promise<CartDto> {
    if (quantity === 0) return this.remove(cartId, caller, itemId, ifMatch);
    return this.dataSource.transaction(async (tx) => {
      const cart = await this.store.beginChange(tx, cartId, caller, ifMatch);
      const [, count] = (await tx.query(
        `UPDATE cart.cart_items SET quantity = $3, updated_at = now() WHERE id = $1 AND cart_id = $2`,
        [itemId, cartId, quantity],
      )) as [unknown, number];
      if (count === 0) throw new CartItemNotFoundError();
      return this.presenter.load(tx, cart);
    });
  }

  async remove(cartId: string, caller: CartCaller, itemId: string, ifMatch?: string): Promise<CartDto> {
    return this.dataSource.transaction(async (tx) => {
      const cart = await this.store.beginChange(tx, cartId, caller, ifMatch);
      const [, count] = (await tx.query(`DELETE FROM cart.cart_items WHERE id = $1 AND cart_id = $2`, [itemId, cartId])) as [
        unknown,
        number,
      ];
      if (count === 0) throw new CartItemNotFoundError();
      return this.presenter.load(tx, cart);
    });
  }

  /** Why an add did nothing: the variant cannot be bought, or the line would pass the maximum. */
  private async explainRefusal(tx: EntityManager, cartId: string, variantId: string): Promise<never> {
    const [entry] = (await tx.query(`SELECT sellable, currency FROM cart.price_book WHERE variant_id = $1`, [variantId])) as {
      sellable: boolean;
      currency: string;
    }[];
    const reason: UnsellableReason | null = !entry
      ? 'unknown'
      : !entry.sellable
        ? 'not_sellable'
        : entry.currency !== this.config.STORE_CURRENCY
          ? 'other_currency'
          : null;
    if (reason) throw new VariantNotSellableError(variantId, reason);
    const [line] = (await tx.query(`SELECT quantity FROM cart.cart_items WHERE cart_id = $1 AND variant_id = $2`, [
      cartId,
      variantId,
    ])) as { quantity: number }[];
    throw new QuantityLimitError(variantId, line?.quantity ?? 0);
  }
}
