import { DomainEvent } from '../../common/events/domain-event';

export interface StockLevelChange {
  sku: string;
  available: number;
  inStock: boolean;
}

/**
 * What is available of some SKUs changed: one event per stock movement (an order's lines move
 * together). Published in the transaction that changed them, so the catalog's availability
 * projection commits with it.
 */
export class StockChanged extends DomainEvent<{ levels: StockLevelChange[] }> {
  static override readonly eventName = 'inventory.stock-changed';
}

/** Available stock fell to or below the reorder level (once per crossing). */
export class StockLow extends DomainEvent<{ sku: string; available: number; reorderLevel: number }> {
  static override readonly eventName = 'inventory.stock-low';
}

/**
 * The error code inventory throws (a DomainError of kind `conflict`) when an order cannot be
 * reserved; `details.shortages` lists `{ sku, requested, available }`. Publishers of
 * `orders.order-placed` see their transaction roll back with it.
 */
export const INSUFFICIENT_STOCK = 'INVENTORY.INSUFFICIENT_STOCK';

export interface StockShortage {
  sku: string;
  requested: number;
  available: number;
}
