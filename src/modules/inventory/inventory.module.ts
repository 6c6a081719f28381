import { Module } from '@nestjs/common';
import { configProvider } from '../../common/config/config.providers';
import { AdminInventoryController } from './admin-inventory.controller';
import { AdminStockService } from './admin-stock.service';
import { InventoryConfig } from './inventory.config';
import { InventoryController } from './inventory.controller';
import { OnOrderCancelledListener } from './on-order-cancelled.listener';
import { OnOrderItemsRestockedListener } from './on-order-items-restocked.listener';
import { OnOrderPaidListener } from './on-order-paid.listener';
import { OnOrderPlacedListener } from './on-order-placed.listener';
import { OnVariantUpsertedListener } from './on-variant-upserted.listener';
import { ReservationsService } from './reservations.service';
import { StockMovements } from './stock-movements.service';
import { StockQueries } from './stock-queries.service';

/** Stock per SKU, its ledger, and the reservations behind checkout (schema `inventory`). */
@Module({
  controllers: [InventoryController, AdminInventoryController],
  providers: [
    configProvider(InventoryConfig),
    StockMovements,
    StockQueries,
    AdminStockService,
    ReservationsService,
    OnVariantUpsertedListener,
    OnOrderPlacedListener,
    OnOrderPaidListener,
    OnOrderCancelledListener,
    OnOrderItemsRestockedListener,
  ],
})
export class InventoryModule {}
