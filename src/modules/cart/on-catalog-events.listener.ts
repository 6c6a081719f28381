import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEvent } from '../../common/events/event-handler.decorators';
import { ProductArchived, VariantUpserted } from '../catalog/catalog.events';

/** The cart's price book follows the catalog in the catalog's own transactions. */
@Injectable()
export class OnCatalogEventsListener {
  /** Upserts the variant; an event older than what the row already reflects changes nothing. */
  @OnEvent(VariantUpserted)
  async updatePriceBook(event: VariantUpserted, tx: EntityManager): Promise<void> {
    const { variantId, productId, sku, name, price, sellable } = event.payload;
    await tx.query(
      `INSERT INTO cart.price_book (variant_id, product_id, sku, name, price_amount, currency, sellable, source_occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (variant_id) DO UPDATE SET
         product_id = excluded.product_id, sku = excluded.sku, name = excluded.name, price_amount = excluded.price_amount,
         currency = excluded.currency, sellable = excluded.sellable, source_occurred_at = excluded.source_occurred_at
       WHERE price_book.source_occurred_at <= excluded.source_occurred_at`,
      [variantId, productId, sku, name, price.amount, price.currency, sellable, event.occurredAt],
    );
  }

  @OnEvent(ProductArchived)
  async withdrawProduct(event: ProductArchived, tx: EntityManager): Promise<void> {
    await tx.query(
      `UPDATE cart.price_book SET sellable = false, source_occurred_at = GREATEST(source_occurred_at, $3)
       WHERE product_id = $1 OR variant_id = ANY($2::uuid[])`,
      [event.payload.productId, event.payload.variantIds, event.occurredAt],
    );
  }
}
