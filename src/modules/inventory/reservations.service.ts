import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InsufficientStockError } from './inventory.errors';
import { planCancellation, planRestock, planSale, type ReservationLine, type ReservationPlan } from './reservation-rules';
import { StockMovements } from './stock-movements.service';
import { findShortages, movementDeltas, quantitiesBySku } from './stock-rules';

export interface OrderLine {
  sku: string;
  quantity: number;
}

/**
 * The reservation primitives the orders flow relies on. Each runs in the transaction of the order
 * change that caused it, takes the SKUs' row locks before reading the order's reservations (so
 * duplicates serialise), and is a no-op when already applied for that order.
 */
@Injectable()
export class ReservationsService {
  constructor(private readonly movements: StockMovements) {}

  /**
   * All lines or none: a short line throws `InsufficientStockError` and the publisher rolls back.
   * The order's reservation rows are written by the statement that locks the stock rows, so the
   * locks are held for as few round trips as possible; a second reservation of the same order waits
   * on their keys and then finds nothing to do.
   */
  async reserve(tx: EntityManager, orderId: string, lines: OrderLine[]): Promise<void> {
    const wanted = quantitiesBySku(lines);
    if (wanted.size === 0) return;
    const { fresh, locked } = await this.movements.reserveAndLock(tx, orderId, wanted);
    if (!fresh) return;
    const shortages = findShortages(locked, wanted);
    if (shortages.length > 0) throw new InsufficientStockError(shortages);
    await this.movements.apply(
      tx,
      locked,
      [...wanted].map(([sku, quantity]) => ({ sku, kind: 'reserve', ...movementDeltas('reserve', quantity), reason: 'order placed', orderId })),
    );
  }

  /** Paid: the reserved units leave the shelf (reserved and on hand both go down). */
  async sell(tx: EntityManager, orderId: string): Promise<void> {
    await this.change(tx, orderId, 'order paid', planSale);
  }

  /** Cancelled: an unpaid reservation is released, sold units are restocked. */
  async cancel(tx: EntityManager, orderId: string, reason: string): Promise<void> {
    await this.change(tx, orderId, `order cancelled (${reason})`, planCancellation);
  }

  /** Refunded items back on the shelf, at most what the order sold. */
  async restock(tx: EntityManager, orderId: string, lines: OrderLine[]): Promise<void> {
    const requested = quantitiesBySku(lines);
    await this.change(tx, orderId, 'order items restocked', (current) => planRestock(current, requested));
  }

  private async change(
    tx: EntityManager,
    orderId: string,
    reason: string,
    planFor: (lines: ReservationLine[]) => ReservationPlan,
  ): Promise<void> {
    const skus = (await this.lines(tx, orderId)).map((l) => l.sku);
    if (skus.length === 0) return;
    const locked = await this.movements.lock(tx, skus);
    // Read again under the locks: a concurrent change of this order has committed by now.
    const plan = planFor(await this.lines(tx, orderId));
    if (plan.updates.length === 0) return;
    await tx.query(
      `UPDATE inventory.reservations AS r
       SET state = u.state, restocked_quantity = u.restocked_quantity, updated_at = now()
       FROM unnest($2::text[], $3::text[], $4::int[]) AS u(sku, state, restocked_quantity)
       WHERE r.order_id = $1 AND r.sku = u.sku`,
      [orderId, plan.updates.map((u) => u.sku), plan.updates.map((u) => u.state), plan.updates.map((u) => u.restockedQuantity)],
    );
    await this.movements.apply(
      tx,
      locked,
      plan.movements.map((m) => ({ sku: m.sku, kind: m.kind, ...movementDeltas(m.kind, m.quantity), reason, orderId })),
    );
  }

  private lines(tx: EntityManager, orderId: string): Promise<ReservationLine[]> {
    return tx.query(
      `SELECT sku, quantity, restocked_quantity AS "restockedQuantity", state
       FROM inventory.reservations WHERE order_id = $1 ORDER BY sku COLLATE "C"`,
      [orderId],
    );
  }
}
