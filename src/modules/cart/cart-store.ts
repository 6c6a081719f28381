import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { assertIfMatch, ifMatchVersions } from '../../common/http/etag';
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

export const CART_LINES = `SELECT i.id, i.variant_id AS "variantId", i.quantity, p.product_id AS "productId", p.sku, p.name,
         p.price_amount AS "priceAmount", p.currency, p.sellable
  FROM cart.cart_items i LEFT JOIN cart.price_book p ON p.variant_id = i.variant_id`;

/** The owner's predicate, always in the query: a cart that is not the caller's is not found. */
export const OWNED = `id = $1 AND ((customer_id IS NOT NULL AND customer_id = $2::uuid) OR (token_hash IS NOT NULL AND token_hash = $3))`;

const FIND_OWNED = new PreparedStatement<CartRow>('cart.find-owned', `SELECT ${CART_COLUMNS} FROM cart.carts WHERE ${OWNED}`);

const BEGIN_CHANGE = new PreparedStatement<CartRow>(
  'cart.begin-change',
  `UPDATE cart.carts SET version = version + 1, updated_at = now() WHERE ${OWNED} RETURNING ${CART_COLUMNS}`,
);

const BEGIN_CHECKOUT = new PreparedStatement<{ version: number; seenVersion: number; seenLines: CartLineRow[] }>(
  'cart.begin-checkout',
  `WITH closed AS (
     UPDATE cart.carts SET version = version + 1, updated_at = now(), status = 'checked_out', order_id = $5,
            checked_out_at = now()
     WHERE ${OWNED} AND status = 'active' AND ($4::int[] IS NULL OR version = ANY($4))
     RETURNING version
   )
   SELECT c.version,
          (SELECT version FROM cart.carts WHERE id = $1) AS "seenVersion",
          COALESCE((SELECT json_agg(l) FROM (${CART_LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id) l), '[]') AS "seenLines"
   FROM closed c`,
);

const LINES_OF = new PreparedStatement<CartLineRow>('cart.lines-of', `${CART_LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id`);

const FIND_OWNED_WITH_LINES = new PreparedStatement<CartRow & { lines: CartLineRow[] }>(
  'cart.find-owned-with-lines',
  `SELECT ${CART_COLUMNS},
          COALESCE((SELECT json_agg(l) FROM (${CART_LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id) l), '[]') AS lines
   FROM cart.carts WHERE ${OWNED}`,
);

const OPEN_CART = new PreparedStatement<CartRow>(
  'cart.open-cart',
  `INSERT INTO cart.carts (id, customer_id, status) VALUES ($1, $2, 'active')
   ON CONFLICT (customer_id) WHERE status = 'active' DO NOTHING RETURNING ${CART_COLUMNS}`,
);

const ACTIVE_CART_OF = new PreparedStatement<CartRow>(
  'cart.active-cart-of',
  `SELECT ${CART_COLUMNS} FROM cart.carts WHERE customer_id = $1 AND status = 'active'`,
);

/** Reads and locks carts for the services; every read is scoped by owner in SQL. */
@Injectable()
export class CartStore {
  async findOwned(tx: EntityManager, cartId: string, caller: CartCaller): Promise<CartRow> {
    const {
      rows: [cart],
    } = await FIND_OWNED.run(tx, [cartId, caller.customerId, caller.tokenHash]);
    if (!cart) throw new CartNotFoundError();
    return cart;
  }

  /**
   * Starts a change of the caller's active cart: one statement locks the row and bumps its version
   * (the new ETag) and idle clock. 404 if not theirs, 409 if checked out, 412 if `If-Match` is
   * stale; throwing rolls the bump back with the rest of the transaction.
   */
  async beginChange(tx: EntityManager, cartId: string, caller: CartCaller, ifMatch: string | undefined): Promise<CartRow> {
    const { rows } = await BEGIN_CHANGE.run(tx, [cartId, caller.customerId, caller.tokenHash]);
    const cart = rows[0];
    if (!cart) throw new CartNotFoundError();
    this.assertChangeable(cart, ifMatch, cart.version - 1);
    return cart;
  }

  /**
   * Closes the caller's active cart for checkout in one statement: locks it, bumps its version and
   * marks it checked out as `orderId` (undone with the rest if the checkout fails), and reads its
   * lines. As in `LineAdditions`, the lines come from the statement's snapshot, taken before it
   * waited for the lock; when another change committed in between, they are read again under the lock.
   */
  async beginCheckout(tx: EntityManager, cartId: string, caller: CartCaller, ifMatch: string | undefined, orderId: string): Promise<CartLineRow[]> {
    const {
      rows: [row],
    } = await BEGIN_CHECKOUT.run(tx, [cartId, caller.customerId, caller.tokenHash, ifMatchVersions(ifMatch, cartId), orderId]);
    if (!row) {
      // Not theirs (404), checked out (409) or stale (412): states a cart never leaves, so reading it tells which.
      this.assertChangeable(await this.findOwned(tx, cartId, caller), ifMatch);
      throw new Error(`cart ${cartId} could not be closed for checkout`);
    }
    return row.seenVersion === row.version - 1 ? row.seenLines : this.lines(tx, cartId);
  }

  /** A change of this cart may go ahead: 409 once checked out, 412 when `If-Match` names another version. */
  assertChangeable(cart: CartRow, ifMatch: string | undefined, version = cart.version): void {
    if (cart.status !== 'active') throw new CartCheckedOutError(cart.orderId);
    assertIfMatch(ifMatch, cart.id, version);
  }

  async lines(tx: EntityManager, cartId: string): Promise<CartLineRow[]> {
    return (await LINES_OF.run(tx, [cartId])).rows;
  }

  /** The caller's cart with its lines, read together in one statement so version and lines agree. */
  async findOwnedWithLines(db: EntityManager, cartId: string, caller: CartCaller): Promise<{ cart: CartRow; lines: CartLineRow[] }> {
    const {
      rows: [row],
    } = await FIND_OWNED_WITH_LINES.run(db, [cartId, caller.customerId, caller.tokenHash]);
    if (!row) throw new CartNotFoundError();
    const { lines, ...cart } = row;
    return { cart, lines };
  }

  /** The customer's active cart, created on demand (concurrent callers get the same one). */
  async activeCartOf(tx: EntityManager, customerId: string, newCartId: string): Promise<{ cart: CartRow; created: boolean }> {
    const { rows: inserted } = await OPEN_CART.run(tx, [newCartId, customerId]);
    if (inserted.length) return { cart: inserted[0], created: true };
    const {
      rows: [cart],
    } = await ACTIVE_CART_OF.run(tx, [customerId]);
    // Checked out between the two statements: try again for a fresh cart.
    if (!cart) return this.activeCartOf(tx, customerId, newCartId);
    return { cart, created: false };
  }
}
