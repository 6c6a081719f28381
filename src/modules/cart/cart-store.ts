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

const LINES = `SELECT i.id, i.variant_id AS "variantId", i.quantity, p.product_id AS "productId", p.sku, p.name,
         p.price_amount AS "priceAmount", p.currency, p.sellable
  FROM cart.cart_items i LEFT JOIN cart.price_book p ON p.variant_id = i.variant_id`;

/** What `addLine` did, and the cart after it when the statement could tell. */
export type LineAdded = { added: false } | { added: true; after: { cart: CartRow; lines: CartLineRow[] } | null };

/** The lines with one of them changed in place, or added at the end (lines list oldest first). */
export function withChangedLine(lines: CartLineRow[], changed: CartLineRow): CartLineRow[] {
  const known = lines.some((line) => line.id === changed.id);
  return known ? lines.map((line) => (line.id === changed.id ? changed : line)) : [...lines, changed];
}

/** A variant added to a cart (or to its line's quantity), with what the caller sent. */
export interface LineAddition {
  cartId: string;
  caller: CartCaller;
  ifMatch: string | undefined;
  lineId: string;
  variantId: string;
  quantity: number;
  currency: string;
  maxQuantity: number;
}

/** The owner's predicate, always in the query: a cart that is not the caller's is not found. */
const OWNED = `id = $1 AND ((customer_id IS NOT NULL AND customer_id = $2::uuid) OR (token_hash IS NOT NULL AND token_hash = $3))`;

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
          COALESCE((SELECT json_agg(l) FROM (${LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id) l), '[]') AS "seenLines"
   FROM closed c`,
);

const ADD_LINE = new PreparedStatement<
  CartRow & { line_id: string; line_quantity: number; seenVersion: number; seenLines: CartLineRow[]; changedLine: CartLineRow }
>(
  'cart.add-line',
  `WITH cart AS (
     SELECT id FROM cart.carts
     WHERE ${OWNED} AND status = 'active' AND ($4::int[] IS NULL OR version = ANY($4))
     FOR UPDATE
   ),
   line AS (
     INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity)
     SELECT $5, cart.id, p.variant_id, $7
     FROM cart JOIN cart.price_book p ON p.variant_id = $6 AND p.sellable AND p.currency = $8
     ON CONFLICT (cart_id, variant_id) DO UPDATE
       SET quantity = cart_items.quantity + excluded.quantity, updated_at = now()
       WHERE cart_items.quantity + excluded.quantity <= $9
     RETURNING cart_id, id AS line_id, quantity AS line_quantity
   ),
   bumped AS (
     UPDATE cart.carts SET version = version + 1, updated_at = now() FROM line WHERE id = line.cart_id
     RETURNING ${CART_COLUMNS}, line.line_id, line.line_quantity
   )
   SELECT b.*,
          (SELECT version FROM cart.carts WHERE id = $1) AS "seenVersion",
          COALESCE((SELECT json_agg(l) FROM (${LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id) l), '[]') AS "seenLines",
          (SELECT row_to_json(l) FROM (
             SELECT b.line_id AS id, p.variant_id AS "variantId", b.line_quantity AS quantity, p.product_id AS "productId",
                    p.sku, p.name, p.price_amount AS "priceAmount", p.currency, p.sellable
             FROM cart.price_book p WHERE p.variant_id = $6
           ) l) AS "changedLine"
   FROM bumped b`,
);

const LINES_OF = new PreparedStatement<CartLineRow>('cart.lines-of', `${LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id`);

const FIND_OWNED_WITH_LINES = new PreparedStatement<CartRow & { lines: CartLineRow[] }>(
  'cart.find-owned-with-lines',
  `SELECT ${CART_COLUMNS},
          COALESCE((SELECT json_agg(l) FROM (${LINES} WHERE i.cart_id = $1 ORDER BY i.added_at, i.id) l), '[]') AS lines
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
   * lines. As in `addLine`, the lines come from the statement's snapshot, taken before it waited for
   * the lock; when another change committed in between, they are read again under the lock.
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

  /**
   * Adds a line in ONE autocommitted statement (a round trip is what a write costs here): lock the
   * caller's active cart if `If-Match` holds, upsert the line from a sellable price-book entry
   * within the per-line maximum, and bump the cart's version only if the line changed.
   *
   * The statement also reads the lines, but from its snapshot, taken before it waited for the lock.
   * When the version it saw is the one it bumped from, nothing changed the cart in between (every
   * line change bumps the version under that lock), so those lines plus the changed one are the
   * cart; otherwise the caller reads it again (`after: null`).
   */
  async addLine(db: EntityManager, change: LineAddition): Promise<LineAdded> {
    const {
      rows: [row],
    } = await ADD_LINE.run(db, [
      change.cartId,
      change.caller.customerId,
      change.caller.tokenHash,
      ifMatchVersions(change.ifMatch, change.cartId),
      change.lineId,
      change.variantId,
      change.quantity,
      change.currency,
      change.maxQuantity,
    ]);
    if (!row) return { added: false };
    const { line_id: _id, line_quantity: _quantity, seenVersion, seenLines, changedLine, ...cart } = row;
    if (seenVersion !== cart.version - 1) return { added: true, after: null };
    return { added: true, after: { cart, lines: withChangedLine(seenLines, changedLine) } };
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
