import { DomainEvent } from '../../common/events/domain-event';

/**
 * What is available of a SKU changed. Published in the transaction that changed it, so the
 * catalog's availability projection commits with it.
 */
export class StockChanged extends DomainEvent<{ sku: string; available: number; inStock: boolean }> {
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
