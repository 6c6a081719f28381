import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { lengthHidden, PreparedStatement } from '../../common/database/prepared-statement';
import { newId } from '../../common/database/uuid';
import { EventBus } from '../../common/events/event-bus';
import { InventoryConfig } from './inventory.config';
import { InventoryBusyError } from './inventory.errors';
import { StockChanged, StockLow } from './inventory.events';
import { applyDeltas, available, crossedIntoLow, type Deltas, isInStock, type MovementKind, type StockLevel } from './stock-rules';

export interface Movement extends Deltas {
  sku: string;
  kind: MovementKind;
  reason: string | null;
  orderId?: string | null;
  actorId?: string | null;
  /** Sets the reorder level in the same write (admin set); the ledger does not record it. */
  reorderLevel?: number;
}

export interface LedgerRow extends Deltas {
  id: string;
  sku: string;
  kind: MovementKind;
  onHandAfter: number;
  reservedAfter: number;
  reason: string | null;
  orderId: string | null;
  actorId: string | null;
  at: Date;
}

export const LEDGER_COLUMNS = `id, sku, kind, on_hand_delta AS "onHandDelta", reserved_delta AS "reservedDelta",
  on_hand_after AS "onHandAfter", reserved_after AS "reservedAfter", reason, order_id AS "orderId",
  actor_id AS "actorId", at`;

const LEVEL_COLUMNS = `sku, on_hand AS "onHand", reserved, reorder_level AS "reorderLevel"`;
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * One round trip, whose CTEs depend on each other so they run in order: set the lock timeout, lock
 * under it, then give the rest of the publisher's transaction its own setting back. At least one
 * row comes back, so an empty result still restores the setting. `first` is written in the same
 * statement (a reservation's own rows).
 */
const lockStatement = (first: { cte: string; column: string } | null) =>
  `WITH ${first ? `${first.cte},` : ''}
   timeout AS MATERIALIZED (
     SELECT current_setting('lock_timeout') AS previous, set_config('lock_timeout', $2, true) AS applied
   ),
   locked AS MATERIALIZED (
     SELECT ${LEVEL_COLUMNS} FROM inventory.stock_items s, timeout t
     WHERE s.sku = ANY(${lengthHidden('$1', 'text[]')}) AND t.applied IS NOT NULL ORDER BY s.sku FOR UPDATE OF s
   ),
   restored AS MATERIALIZED (
     SELECT set_config('lock_timeout', t.previous, true) AS previous FROM timeout t
     WHERE (SELECT count(*) FROM locked) >= 0
   )
   SELECT l.*${first ? `, ${first.column}` : ''} FROM restored r LEFT JOIN locked l ON true`;

type LockedRow = StockLevel | { sku: null };

const LOCK_LEVELS = new PreparedStatement<LockedRow>('inventory.lock-levels', lockStatement(null));

const RESERVE_AND_LOCK = new PreparedStatement<LockedRow & { reservedNow: number }>(
  'inventory.reserve-and-lock',
  lockStatement({
    cte: `reserved AS (
       INSERT INTO inventory.reservations (order_id, sku, quantity, state)
       SELECT $3::uuid, sku, quantity, 'reserved' FROM unnest(${lengthHidden('$1', 'text[]')}, $4::int[]) AS l(sku, quantity)
       ON CONFLICT (order_id, sku) DO NOTHING
       RETURNING sku
     )`,
    column: `(SELECT count(*)::int FROM reserved) AS "reservedNow"`,
  }),
);

const APPLY_MOVEMENTS = new PreparedStatement<{ levels: StockLevel[] | null; entries: (Omit<LedgerRow, 'at'> & { at: string })[] | null }>(
  'inventory.apply-movements',
  `WITH m AS (
     SELECT * FROM unnest(${lengthHidden('$1', 'text[]')}, $2::int[], $3::int[], $4::int[], $5::uuid[], $6::text[], $7::text[], $8::uuid[], $9::uuid[])
       AS m(sku, on_hand_delta, reserved_delta, reorder_level, entry_id, kind, reason, order_id, actor_id)
   ),
   moved AS (
     UPDATE inventory.stock_items AS s
     SET on_hand = s.on_hand + m.on_hand_delta, reserved = s.reserved + m.reserved_delta,
         reorder_level = COALESCE(m.reorder_level, s.reorder_level), updated_at = now()
     FROM m
     WHERE s.sku = m.sku
       AND s.on_hand + m.on_hand_delta >= 0
       AND s.reserved + m.reserved_delta BETWEEN 0 AND s.on_hand + m.on_hand_delta
     RETURNING s.sku, s.on_hand AS "onHand", s.reserved, s.reorder_level AS "reorderLevel"
   ),
   recorded AS (
     INSERT INTO inventory.ledger_entries
       (id, sku, kind, on_hand_delta, reserved_delta, on_hand_after, reserved_after, reason, order_id, actor_id)
     SELECT m.entry_id, m.sku, m.kind, m.on_hand_delta, m.reserved_delta, moved."onHand", moved.reserved,
            m.reason, m.order_id, m.actor_id
     FROM m JOIN moved USING (sku)
     WHERE m.on_hand_delta <> 0 OR m.reserved_delta <> 0
     RETURNING ${LEDGER_COLUMNS}
   )
   SELECT (SELECT json_agg(moved) FROM moved) AS levels, (SELECT json_agg(recorded) FROM recorded) AS entries`,
);

const levelsOf = (rows: LockedRow[]): Map<string, StockLevel> =>
  new Map(
    rows
      .filter((row): row is StockLevel => row.sku !== null)
      .map(({ sku, onHand, reserved, reorderLevel }) => [sku, { sku, onHand, reserved, reorderLevel }]),
  );

/**
 * The only writer of stock items and the ledger: every change is a locked row, a conditional
 * update, a ledger entry, and the events that tell the rest of the shop, all in the caller's tx.
 */
@Injectable()
export class StockMovements {
  constructor(
    private readonly events: EventBus,
    private readonly config: InventoryConfig,
  ) {}

  /**
   * Locks the SKUs' stock rows in SKU order (so two orders never deadlock), waiting at most
   * `INVENTORY_LOCK_TIMEOUT_MS`; unknown SKUs are simply absent from the result.
   */
  async lock(tx: EntityManager, skus: string[]): Promise<Map<string, StockLevel>> {
    return levelsOf(await this.locking(() => LOCK_LEVELS.run(tx, [skus, this.lockTimeout()])));
  }

  /**
   * Writes an order's reservation rows and locks their SKUs' stock rows, in one statement; `fresh`
   * is false when the order already had them (a second reservation of it finds nothing to do).
   */
  async reserveAndLock(
    tx: EntityManager,
    orderId: string,
    wanted: Map<string, number>,
  ): Promise<{ fresh: boolean; locked: Map<string, StockLevel> }> {
    const skus = [...wanted.keys()];
    const rows = await this.locking(() => RESERVE_AND_LOCK.run(tx, [skus, this.lockTimeout(), orderId, skus.map((sku) => wanted.get(sku))]));
    const reservedNow = rows[0].reservedNow;
    if (reservedNow !== 0 && reservedNow !== skus.length) throw new Error(`order ${orderId} was already partly reserved`);
    return { fresh: reservedNow > 0, locked: levelsOf(rows) };
  }

  private lockTimeout(): string {
    return `${this.config.INVENTORY_LOCK_TIMEOUT_MS}ms`;
  }

  private async locking<Row>(run: () => Promise<{ rows: Row[] }>): Promise<Row[]> {
    try {
      return (await run()).rows;
    } catch (err) {
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new InventoryBusyError();
      throw err;
    }
  }

  /**
   * Applies movements (one per SKU) to rows locked by `lock` and writes their ledger entries, in one
   * statement; returns the entries written.
   */
  async apply(tx: EntityManager, locked: Map<string, StockLevel>, movements: Movement[]): Promise<LedgerRow[]> {
    if (movements.length === 0) return [];
    if (new Set(movements.map((m) => m.sku)).size !== movements.length) throw new Error('one movement per SKU');
    // Refuses a movement that would break an invariant before the database has to.
    movements.forEach((m) => applyDeltas(this.lockedLevel(locked, m.sku), m, m.reorderLevel));
    const { rows } = await APPLY_MOVEMENTS.run(tx, [
      movements.map((m) => m.sku),
      movements.map((m) => m.onHandDelta),
      movements.map((m) => m.reservedDelta),
      movements.map((m) => m.reorderLevel ?? null),
      movements.map(() => newId()),
      movements.map((m) => m.kind),
      movements.map((m) => m.reason),
      movements.map((m) => m.orderId ?? null),
      movements.map((m) => m.actorId ?? null),
    ]);
    const [{ levels, entries }] = rows;
    const bySku = new Map((levels ?? []).map((level) => [level.sku, level]));
    const after = movements.map((m) => bySku.get(m.sku));
    if (after.some((a) => !a)) throw new Error('a stock movement did not apply to its locked row');
    await this.announce(tx, locked, after as StockLevel[]);
    return (entries ?? []).map((entry) => ({ ...entry, at: new Date(entry.at) }));
  }

  private lockedLevel(locked: Map<string, StockLevel>, sku: string): StockLevel {
    const level = locked.get(sku);
    if (!level) throw new Error(`stock item ${sku} was not locked before its movement`);
    return level;
  }

  /** `stock-changed` for the SKUs whose available moved; `stock-low` once per crossing of the reorder level. */
  private async announce(tx: EntityManager, locked: Map<string, StockLevel>, after: StockLevel[]): Promise<void> {
    const changed = after.filter((level) => available(level) !== available(this.lockedLevel(locked, level.sku)));
    if (changed.length) {
      await this.events.publish(
        tx,
        new StockChanged({ levels: changed.map((level) => ({ sku: level.sku, available: available(level), inStock: isInStock(level) })) }),
      );
    }
    for (const level of after) {
      const before = this.lockedLevel(locked, level.sku);
      if (crossedIntoLow(before, level)) {
        await this.events.publish(
          tx,
          new StockLow({ sku: level.sku, available: available(level), reorderLevel: level.reorderLevel }),
        );
      }
      locked.set(level.sku, level);
    }
  }
}
