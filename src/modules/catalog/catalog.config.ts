import { IsInt, Matches, Max, Min } from 'class-validator';

/** Catalog settings; property names are the environment variables, initialisers the defaults. */
export class CatalogConfig {
  /** ISO 4217 code of the prices the shop sells in. */
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code such as EUR' })
  STORE_CURRENCY = 'EUR';

  /** Lifetime of cached product details and category reads (they are invalidated by events anyway). */
  @IsInt() @Min(1) @Max(7 * 24 * 3600)
  CATALOG_CACHE_TTL_SECONDS = 3600;

  /**
   * Lifetime of cached list, search and suggest pages (invalidated by events; this bounds replica
   * lag). 0 turns that cache off: every page is read from the database, as the bench measures it.
   */
  @IsInt() @Min(0) @Max(24 * 3600)
  CATALOG_LIST_CACHE_TTL_SECONDS = 60;

  /** `Cache-Control: max-age` of public catalog reads; 0 makes clients revalidate with `If-None-Match`. */
  @IsInt() @Min(0) @Max(24 * 3600)
  CATALOG_HTTP_MAX_AGE_SECONDS = 0;
}
