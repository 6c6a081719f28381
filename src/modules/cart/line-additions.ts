import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lengthHidden, PreparedStatement } from '../../common/database/prepared-statement';
import { statementBatches } from '../../common/database/statement-batches';
import { ifMatchVersions } from '../../common/http/etag';
import type { CartCaller } from './cart-access';
import { CART_COLUMNS, CART_LINES, CartLineRow, CartRow, OWNED } from './cart-store';

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

/** What an addition did, and the cart after it when the statement could tell. */
export type LineAdded = { added: false } | { added: true; after: { cart: CartRow; lines: CartLineRow[] } | null };

/** The lines with one of them changed in place, or added at the end (lines list oldest first). */
export function withChangedLine(lines: CartLineRow[], changed: CartLineRow): CartLineRow[] {
  const known = lines.some((line) => line.id === changed.id);
  return known ? lines.map((line) => (line.id === changed.id ? changed : line)) : [...lines, changed];
}

type AddedRow = CartRow & {
  line_id: string;
  line_quantity: number;
  variant_id: string;
  seenVersion: number;
  seenLines: CartLineRow[];
  changedLine: CartLineRow;
};

/** The line as the answer shows it, from the price book; `b` is the bumped cart with its line. */
const CHANGED_LINE = (variantId: string) => `(SELECT row_to_json(l) FROM (
     SELECT b.line_id AS id, p.variant_id AS "variantId", b.line_quantity AS quantity, p.product_id AS "productId",
            p.sku, p.name, p.price_amount AS "priceAmount", p.currency, p.sellable
     FROM cart.price_book p WHERE p.variant_id = ${variantId}
   ) l) AS "changedLine"`;

/** The cart's version and lines in the statement's snapshot, from before this add (see LineAdditions). */
const SEEN = (cartId: string) => `(SELECT version FROM cart.carts WHERE id = ${cartId}) AS "seenVersion",
   COALESCE((SELECT json_agg(l) FROM (${CART_LINES} WHERE i.cart_id = ${cartId} ORDER BY i.added_at, i.id) l), '[]') AS "seenLines"`;

/** The upsert of a sellable price-book entry's line within the per-line maximum. */
const UPSERT_LINE = (currency: string, maxQuantity: string) => `
   JOIN cart.price_book p ON p.variant_id = cart.variant_id AND p.sellable AND p.currency = ${currency}
   ON CONFLICT (cart_id, variant_id) DO UPDATE
     SET quantity = cart_items.quantity + excluded.quantity, updated_at = now()
     WHERE cart_items.quantity + excluded.quantity <= ${maxQuantity}
   RETURNING cart_id, id AS line_id, quantity AS line_quantity, variant_id`;

const BUMP_CARTS = `UPDATE cart.carts SET version = version + 1, updated_at = now() FROM line WHERE id = line.cart_id
   RETURNING ${CART_COLUMNS}, line.line_id, line.line_quantity, line.variant_id`;

const ADD_LINE = new PreparedStatement<AddedRow>(
  'cart.add-line',
  `WITH cart AS (
     SELECT id, $6::uuid AS variant_id FROM cart.carts
     WHERE ${OWNED} AND status = 'active' AND ($4::int[] IS NULL OR version = ANY($4))
     FOR UPDATE
   ),
   line AS (
     INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity)
     SELECT $5, cart.id, p.variant_id, $7 FROM cart ${UPSERT_LINE('$8', '$9')}
   ),
   bumped AS (${BUMP_CARTS})
   SELECT b.*, ${SEEN('$1')}, ${CHANGED_LINE('$6')} FROM bumped b`,
);

/**
 * `ADD_LINE` for many carts at once, one line per cart. A cart another transaction holds is
 * skipped rather than waited for, so one busy cart never holds up the others' adds.
 */
const ADD_LINES = new PreparedStatement<AddedRow>(
  'cart.add-lines',
  `WITH wanted AS (
     SELECT * FROM unnest(${lengthHidden('$1', 'uuid[]')}, ${lengthHidden('$2', 'uuid[]')}, ${lengthHidden('$3', 'text[]')},
                          ${lengthHidden('$4', 'uuid[]')}, ${lengthHidden('$5', 'uuid[]')}, ${lengthHidden('$6', 'int[]')})
       AS w(cart_id, customer_id, token_hash, line_id, variant_id, quantity)
   ),
   cart AS (
     SELECT c.id, w.line_id, w.variant_id, w.quantity FROM cart.carts c JOIN wanted w ON c.id = w.cart_id
     WHERE ((c.customer_id IS NOT NULL AND c.customer_id = w.customer_id) OR (c.token_hash IS NOT NULL AND c.token_hash = w.token_hash))
       AND c.status = 'active'
     FOR UPDATE OF c SKIP LOCKED
   ),
   line AS (
     INSERT INTO cart.cart_items (id, cart_id, variant_id, quantity)
     SELECT cart.line_id, cart.id, p.variant_id, cart.quantity FROM cart ${UPSERT_LINE('$7', '$8')}
   ),
   bumped AS (${BUMP_CARTS})
   SELECT b.*, ${SEEN('b.id')}, ${CHANGED_LINE('b.variant_id')} FROM bumped b`,
);

/**
 * Most adds arrive together with other carts' adds at busy times, and one statement for ten of
 * them costs PostgreSQL and the API less than half of ten statements (bench/RESULTS.md, stop 17).
 * One, two and four batches in flight measured alike; two let one run in PostgreSQL while the API
 * gathers the next.
 */
const BATCH_LIMITS = { maxInFlight: 2, maxBatchSize: 50 };

/**
 * Adds lines to carts, each in ONE autocommitted statement (a round trip is what a write costs
 * here): lock the caller's active cart if `If-Match` holds, upsert the line from a sellable
 * price-book entry within the per-line maximum, and bump the cart's version only if the line changed.
 *
 * The statement also reads the lines, but from its snapshot, taken before it waited for the lock.
 * When the version it saw is the one it bumped from, nothing changed the cart in between (every
 * line change bumps the version under that lock), so those lines plus the changed one are the
 * cart; otherwise the caller reads it again (`after: null`).
 */
@Injectable()
export class LineAdditions {
  private readonly batches = statementBatches((additions: readonly LineAddition[]) => this.addTogether(additions), BATCH_LIMITS);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Adds the line with the other adds that arrive together. One the batch left alone (a busy cart,
   * a second add to the same cart, a refusal to explain) or that names an `If-Match` version is
   * added on its own.
   */
  async add(addition: LineAddition): Promise<LineAdded> {
    const together = addition.ifMatch === undefined ? await this.batches.load(addition) : undefined;
    return together ?? this.addAlone(this.dataSource.manager, addition);
  }

  /** The add in a statement of its own, waiting for the cart's lock; in `db`'s transaction if it has one. */
  async addAlone(db: EntityManager, addition: LineAddition): Promise<LineAdded> {
    const {
      rows: [row],
    } = await ADD_LINE.run(db, [
      addition.cartId,
      addition.caller.customerId,
      addition.caller.tokenHash,
      ifMatchVersions(addition.ifMatch, addition.cartId),
      addition.lineId,
      addition.variantId,
      addition.quantity,
      addition.currency,
      addition.maxQuantity,
    ]);
    return row ? added(row) : { added: false };
  }

  /** One statement for the first add to each cart; `undefined` for the adds it left alone. */
  private async addTogether(additions: readonly LineAddition[]): Promise<(LineAdded | undefined)[]> {
    if (additions.length === 1) return [await this.addAlone(this.dataSource.manager, additions[0])];
    const firstPerCart = new Map<string, LineAddition>();
    for (const addition of additions) if (!firstPerCart.has(addition.cartId)) firstPerCart.set(addition.cartId, addition);
    const sent = [...firstPerCart.values()];
    // The currency and the maximum are the shop's, the same for every add.
    const [{ currency, maxQuantity }] = additions;
    const { rows } = await ADD_LINES.run(this.dataSource.manager, [
      sent.map((addition) => addition.cartId),
      sent.map((addition) => addition.caller.customerId),
      sent.map((addition) => addition.caller.tokenHash),
      sent.map((addition) => addition.lineId),
      sent.map((addition) => addition.variantId),
      sent.map((addition) => addition.quantity),
      currency,
      maxQuantity,
    ]);
    const byCart = new Map(rows.map((row) => [row.id, row]));
    return additions.map((addition) => {
      const row = byCart.get(addition.cartId);
      return row && firstPerCart.get(addition.cartId) === addition ? added(row) : undefined;
    });
  }
}

function added(row: AddedRow): LineAdded {
  const { line_id: _id, line_quantity: _quantity, variant_id: _variant, seenVersion, seenLines, changedLine, ...cart } = row;
  if (seenVersion !== cart.version - 1) return { added: true, after: null };
  return { added: true, after: { cart, lines: withChangedLine(seenLines, changedLine) } };
}
