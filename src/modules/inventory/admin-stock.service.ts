import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { StockItemRow } from './dto/stock-item.dto';
import { BelowReservedError, OnHandLimitError, StockItemNotFoundError } from './inventory.errors';
import { type LedgerRow, StockMovements } from './stock-movements.service';
import { STOCK_ITEM_COLUMNS } from './stock-queries.service';
import { MAX_ON_HAND, onHandChange, type StockLevel } from './stock-rules';

export interface SetStock {
  onHand: number;
  reorderLevel?: number;
  reason?: string;
}

/** Staff changes to stock: a count (set) or a correction (adjust), each one transaction. */
@Injectable()
export class AdminStockService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly movements: StockMovements,
  ) {}

  /** On hand becomes `onHand`: a `receive` entry when it grows, an `adjust` entry when it shrinks. */
  async set(sku: string, command: SetStock, actorId: string): Promise<StockItemRow> {
    return this.dataSource.transaction(async (tx) => {
      const { locked, current } = await this.lockOne(tx, sku);
      if (command.onHand < current.reserved) throw new BelowReservedError(sku, command.onHand, current.reserved);
      const { kind, delta } = onHandChange(current.onHand, command.onHand);
      const levelChanges = command.reorderLevel !== undefined && command.reorderLevel !== current.reorderLevel;
      if (delta !== 0 || levelChanges) {
        const reason = command.reason ?? (kind === 'receive' ? 'stock received' : 'stock count');
        await this.movements.apply(tx, locked, [
          { sku, kind, onHandDelta: delta, reservedDelta: 0, reason, actorId, reorderLevel: command.reorderLevel },
        ]);
      }
      return this.read(tx, sku);
    });
  }

  /** On hand moves by `delta`; never below what is reserved. */
  async adjust(sku: string, delta: number, reason: string, actorId: string): Promise<{ entry: LedgerRow; item: StockItemRow }> {
    return this.dataSource.transaction(async (tx) => {
      const { locked, current } = await this.lockOne(tx, sku);
      const onHand = current.onHand + delta;
      if (onHand < current.reserved) throw new BelowReservedError(sku, onHand, current.reserved);
      if (onHand > MAX_ON_HAND) throw new OnHandLimitError(sku, MAX_ON_HAND);
      const [entry] = await this.movements.apply(tx, locked, [
        { sku, kind: 'adjust', onHandDelta: delta, reservedDelta: 0, reason, actorId },
      ]);
      return { entry, item: await this.read(tx, sku) };
    });
  }

  private async lockOne(tx: EntityManager, sku: string): Promise<{ locked: Map<string, StockLevel>; current: StockLevel }> {
    const locked = await this.movements.lock(tx, [sku]);
    const current = locked.get(sku);
    if (!current) throw new StockItemNotFoundError();
    return { locked, current };
  }

  private async read(tx: EntityManager, sku: string): Promise<StockItemRow> {
    const [row]: StockItemRow[] = await tx.query(`SELECT ${STOCK_ITEM_COLUMNS} FROM inventory.stock_items WHERE sku = $1`, [sku]);
    return row;
  }
}
