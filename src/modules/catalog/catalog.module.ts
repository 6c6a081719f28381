import { Module } from '@nestjs/common';
import { configProvider } from '../../common/config/config.providers';
import { AdminCatalogController } from './admin-catalog.controller';
import { AdminCategoriesController } from './admin-categories.controller';
import { AdminCategoriesService } from './admin-categories.service';
import { AdminProductReads } from './admin-product-reads';
import { AdminProductsController } from './admin-products.controller';
import { AdminProductsService } from './admin-products.service';
import { AdminVariantsService } from './admin-variants.service';
import { CacheInvalidationListener } from './cache-invalidation.listener';
import { CatalogCache } from './catalog-cache';
import { CatalogReader } from './catalog-reader';
import { CatalogConfig } from './catalog.config';
import { CategoriesController } from './categories.controller';
import { CategoryReadsService } from './category-reads.service';
import { ListingProjector } from './listing-projector';
import { OnStockChangedListener } from './on-stock-changed.listener';
import { ProductChanges } from './product-changes';
import { ProductReadsService } from './product-reads.service';
import { ProductsController } from './products.controller';
import { PurchasesListener } from './purchases.listener';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';
import { SearchController } from './search.controller';
import { SearchMaintenance } from './search-maintenance';
import { SearchService } from './search.service';

/** Categories, products and variants; the public read model, search and its caches; reviews. */
@Module({
  controllers: [
    ProductsController,
    SearchController,
    CategoriesController,
    ReviewsController,
    AdminProductsController,
    AdminCategoriesController,
    AdminCatalogController,
  ],
  providers: [
    configProvider(CatalogConfig),
    CatalogCache,
    CatalogReader,
    ListingProjector,
    ProductChanges,
    AdminProductReads,
    AdminProductsService,
    AdminVariantsService,
    AdminCategoriesService,
    CategoryReadsService,
    ProductReadsService,
    SearchService,
    SearchMaintenance,
    ReviewsService,
    OnStockChangedListener,
    CacheInvalidationListener,
    PurchasesListener,
  ],
})
export class CatalogModule {}
