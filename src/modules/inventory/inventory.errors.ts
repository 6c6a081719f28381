import { DomainError, NotFoundError } from '../../common/errors/domain-error';
import { INSUFFICIENT_STOCK, type StockShortage } from './inventory.events';

/** An order cannot be reserved in full; nothing of it is (the publisher's transaction rolls back). */
export class InsufficientStockError extends DomainError {
  constructor(readonly shortages: StockShortage[]) {
    super('conflict', INSUFFICIENT_STOCK, `Not enough stock for ${shortages.map((s) => s.sku).join(', ')}`, {
      shortages,
    });
  }
}

export class StockItemNotFoundError extends NotFoundError {
  constructor() {
    super('Stock item', 'INVENTORY.STOCK_ITEM_NOT_FOUND');
  }
}

/** On hand may not drop below what orders hold reserved. */
export class BelowReservedError extends DomainError {
  constructor(sku: string, onHand: number, reserved: number) {
    super('conflict', 'INVENTORY.BELOW_RESERVED', `On hand of ${sku} cannot go below the ${reserved} units reserved`, {
      sku,
      onHand,
      reserved,
    });
  }
}

export class OnHandLimitError extends DomainError {
  constructor(sku: string, limit: number) {
    super('conflict', 'INVENTORY.ON_HAND_LIMIT', `On hand of ${sku} cannot exceed ${limit}`, { sku, limit });
  }
}

/** A SKU's row stayed locked longer than the lock timeout (a burst of orders); retrying is safe. */
export class InventoryBusyError extends DomainError {
  constructor() {
    super('unavailable', 'INVENTORY.BUSY', 'Stock is busy, try again');
  }
}
