import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertIfMatch } from '../../common/http/etag';
import type { CartCaller } from './cart-access';
import type { CartStatus } from './cart.entity';
import { CartCheckedOutError, CartNotFoundError } from './cart.errors';

export interface CartRow {
  id: string;
  customerId: string | null;
  status: CartStatus;
  version: number;
  orderId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A cart line joined with its price-book entry (null fields when the variant is unknown). */
export interface CartLineRow {
  id: string;
  variantId: string;
  quantity: number;
  productId: string | null;
  sku: string | null;
  name: string | null;
  priceAmount: number | null;
  currency: string | null;
  sellable: boolean | null;
}

export const CART_COLUMNS = `id, customer_id AS "customerId", status, version, order_id AS "orderId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The owner's predicate, always in the query: a cart that is not the caller's is not found. */
const OWNED = `id = $1 AND ((customer_id IS NOT NULL AND customer_id = $2::uuid) OR (token_hash IS NOT NULL AND token_hash = $3))`;

/** Reads and locks carts for the services; every read is scoped by owner in SQL. */
@Injectable()
export class CartStore {
  async findOwned(tx: EntityManager, cartId: string, caller: CartCaller): Promise<CartRow> {
    const [cart] = (await tx.query(`SELECT ${CART_COLUMNS} FROM cart.carts WHERE ${OWNED}`, [
      cartId,
      caller.customerId,
      caller.tokenHash,
    ])) as CartRow[];
    if (!cart) throw new CartNotFoundError();
    return cart;
  }

  /**
   * Starts a change of the caller's active cart: one statement locks the row and bumps its version
   * (the new ETag) and idle clock. 404 if not theirs, 412 if `If-Match` is stale, 409 if checked
   * out; throwing rolls the bump back with the rest of the transaction.
   */
  async beginChange(tx: EntityManager, cartId: string, caller: CartCaller, ifMatch: string | undefined): Promise<CartRow> {
    const [rows] = (await tx.query(
      `UPDATE cart.carts SET version = version + 1, updated_at = now() WHERE ${OWNED} RETURNING ${CART_COLUMNS}`,
      [cartId, caller.customerId, caller.tokenHash],
    )) as [CartRow[], number];
    const cart = rows[0];
    if (!cart) throw new CartNotFoundError();
    assertIfMatch(ifMatch, cart.id, cart.version - 1);
    if (cart.status !== 'active') throw new CartCheckedOutError(cart.orderId);
    return cart;
  }

  async lines(tx: EntityManager, cartId: string): Promise<CartLineRow[]> {
    return (await tx.query(
      `SELECT i.id, i.variant_id AS "variantId", i.quantity, p.product_id AS "productId", p.sku, p.name,
              p.price_amount AS "priceAmount", p.currency, p.sellable
       FROM cart.cart_items i LEFT JOIN cart.price_book p ON p.variant_id = i.variant_id
       WHERE i.cart_id = $1 ORDER BY i.added_at, i.id`,
      [cartId],
    )) as CartLineRow[];
  }

  /** The customer's active cart, created on demand (concurrent callers get the same one). */
  async activeCartOf(tx: EntityManager, customerId: string, newCartId: string): Promise<{ cart: CartRow; created: boolean }> {
    const inserted = (await tx.query(
      `INSERT INTO cart.carts (id, customer_id, status) VALUES ($1, $2, 'active')
       ON CONFLICT (customer_id) WHERE status = 'active' DO NOTHING RETURNING ${CART_COLUMNS}`,
      [newCartId, customerId],
    )) as CartRow[];
    if (inserted.length) return { cart: inserted[0], created: true };
    const [cart] = (await tx.query(
      `SELECT ${CART_COLUMNS} FROM cart.carts WHERE customer_id = $1 AND status = 'active'`,
      [customerId],
    )) as CartRow[];
    // Checked out between the two statements: try again for a fresh cart.
    if (!cart) return this.activeCartOf(tx, customerId, newCartId);
    return { cart, created: false };
  }
}
