import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '../../common/database/uuid';
import type { CartCaller } from './cart-access';
import { CartConfig } from './cart.config';
import { MAX_LINE_QUANTITY } from './cart-item.entity';
import { CartPresenter } from './cart-presenter';
import { CartStore } from './cart-store';
import { CartItemNotFoundError, QuantityLimitError, UnsellableReason, VariantNotSellableError } from './cart.errors';
import type { CartDto } from './dto/cart.dto';

/** Changing a cart's lines; each change locks the cart, honours If-Match and bumps its version. */
@Injectable()
export class CartItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: CartStore,
    private readonly presenter: CartPresenter,
    private readonly config: CartConfig,
  ) {}

  /**
   * Adds a sellable variant, or adds to its quantity when it is already in the cart. The upsert is
   * one statement and only happens for a sellable price-book entry, so concurrent adds sum up.
   */
  async add(cartId: string, caller: CartCaller, variantId: string, quantity: number, ifMatch?: string): Promise<CartDto> {
    return this.dataSource.transaction(async (tx) => {
      const cart = await this.store.beginChange(tx, cartId, caller, ifMatch);
      const upserted = (await tx.query(
        `INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity)
         SELECT $1, $2, p.variant_id, $4 FROM cart.price_book p
         WHERE p.variant_id = $3 AND p.sellable AND p.currency = $5
         ON CONFLICT (cart_id, variant_id) DO UPDATE
           SET quantity = cart_items.quantity + excluded.quantity, updated_at = now()
           WHERE cart_items.quantity + excluded.quantity <= $6
         RETURNING quantity`,
        [newId(), cartId, variantId, quantity, this.config.STORE_CURRENCY, MAX_LINE_QUANTITY],
      )) as { quantity: number }[];
      if (!upserted.length) await this.explainRefusal(tx, cartId, variantId);
      return this.presenter.load(tx, cart);
    });
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
