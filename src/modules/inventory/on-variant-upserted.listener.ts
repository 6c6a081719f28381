import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { VariantUpserted } from '../catalog/catalog.events';
import { InventoryConfig } from './inventory.config';

/** A new SKU gets its stock item (nothing on hand) in the catalog's transaction. */
@Injectable()
export class OnVariantUpsertedListener {
  constructor(private readonly config: InventoryConfig) {}

  @OnEvent(VariantUpserted)
  async createStockItem(event: VariantUpserted, tx: EntityManager): Promise<void> {
    // DO NOTHING takes no row lock, so catalog edits never queue behind checkouts.
    await tx.query(
      `INSERT INTO inventory.stock_items (sku, reorder_level) VALUES ($1, $2) ON CONFLICT (sku) DO NOTHING`,
      [event.payload.sku, this.config.INVENTORY_DEFAULT_REORDER_LEVEL],
    );
  }
}
