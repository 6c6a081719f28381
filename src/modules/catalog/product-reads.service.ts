import { Injectable } from '@nestjs/common';
import { canonicalKey } from './cache-key';
import { CachedBody, CatalogCache } from './catalog-cache';
import { CatalogReader } from './catalog-reader';
import { ProductNotFoundError } from './catalog.errors';
import type { ListingFilterQueryDto, ProductListQueryDto } from './dto/listing-query.dto';
import { entryOf, renderBody } from './http-cache';
import { buildListQuery, ListingFilters } from './listing-query';
import { decodeListingCursor, encodeListingCursor } from './listing-sort';
import { productDetailSql } from './product-detail-sql';
import { isUuid } from './slug';

export function filtersOf(query: ListingFilterQueryDto): ListingFilters {
  const { category, minPrice, maxPrice, inStock, attributes } = query;
  return { category, minPrice, maxPrice, inStock, attributes: attributes ?? {} };
}

/** Public product reads: pages of cards and product pages, rendered once and served from Redis. */
@Injectable()
export class ProductReadsService {
  constructor(
    private readonly reader: CatalogReader,
    private readonly cache: CatalogCache,
  ) {}

  /** One SQL statement per page on a cache miss, none on a hit, whatever the page size. */
  async list(query: ProductListQueryDto): Promise<CachedBody> {
    const after = decodeListingCursor(query.cursor, query.sort);
    const filters = filtersOf(query);
    const key = canonicalKey({ products: 1, sort: query.sort, limit: query.limit, cursor: query.cursor, ...filters });
    return this.cache.through('lists', key, async () => {
      const rows = await this.reader.query<{ card: string; id: string; key: string | number }>(
        buildListQuery(filters, query.sort, after, query.limit),
      );
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const next = rows.length > query.limit && last ? encodeListingCursor(query.sort, { key: last.key, id: last.id }) : null;
      return entryOf(`{"items":[${page.map((r) => r.card).join(',')}],"nextCursor":${JSON.stringify(next)}}`);
    });
  }

  async detail(idOrSlug: string): Promise<CachedBody> {
    const byId = isUuid(idOrSlug);
    const cached = await this.cache.getProduct(idOrSlug, !byId);
    // A slug mapping may be stale (the slug moved to another product): the entry names its slug.
    if (cached.hit && (byId || cached.hit.slug === idOrSlug)) return cached.hit;
    return this.cache.once(`product:${idOrSlug}:${cached.generation}`, async () => {
      // The primary, not a replica: a detail is cached until the product changes again.
      const [row] = await this.reader.query<{ id: string; slug: string; body: string }>(
        { text: productDetailSql(byId ? 'id' : 'slug'), values: [idOrSlug] },
        'primary',
      );
      if (!row) throw new ProductNotFoundError();
      const entry = renderBody(JSON.parse(row.body));
      if (!byId) await this.cache.setSlug(row.slug, row.id);
      // Only a lookup that saw this product's generation may fill its entry (see CatalogCache).
      if (cached.productId === row.id) await this.cache.setProduct(row.id, cached.generation, row.slug, entry);
      return entry;
    });
  }
}
