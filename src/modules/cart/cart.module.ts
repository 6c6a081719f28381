import { Module } from '@nestjs/common';
import { configProvider } from '../../common/config/config.providers';
import { CartConfig } from './cart.config';
import { CartItemsController } from './cart-items.controller';
import { CartItemsService } from './cart-items.service';
import { CartLifecycleProcessor } from './cart-lifecycle.processor';
import { CartPresenter } from './cart-presenter';
import { CartStore } from './cart-store';
import { CartsController } from './carts.controller';
import { CartsService } from './carts.service';
import { CheckoutController } from './checkout.controller';
import { CheckoutService } from './checkout.service';
import { LineAdditions } from './line-additions';
import { OnCatalogEventsListener } from './on-catalog-events.listener';
import { OnOrderPlacedListener } from './on-order-placed.listener';
import { OnUserErasedListener } from './on-user-erased.listener';
import { PlacedOrders } from './placed-orders';

/** Carts, the price book they are priced from, and checkout (schema `cart`). */
@Module({
  controllers: [CartsController, CartItemsController, CheckoutController],
  providers: [
    configProvider(CartConfig),
    CartStore,
    LineAdditions,
    CartPresenter,
    CartsService,
    CartItemsService,
    CheckoutService,
    PlacedOrders,
    CartLifecycleProcessor,
    OnCatalogEventsListener,
    OnOrderPlacedListener,
    OnUserErasedListener,
  ],
})
export class CartModule {}
