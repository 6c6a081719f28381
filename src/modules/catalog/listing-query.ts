import { ListingPosition, ListingSort, SORT_SPECS } from './listing-sort';

/** The filters shared by `/products` and `/search`, already validated. */
export interface ListingFilters {
  /** A category slug or id; its descendants are included. */
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  /** key -> any of these values; keys are ANDed. */
  attributes: Record<string, string[]>;
}

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** Collects bind parameters: `params.add(x)` returns `$n`. Nothing from a client is ever spliced in. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** One SQL condition per kind of filter, so facets can leave their own out. */
export interface FilterConditions {
  category: string | null;
  price: string | null;
  stock: string | null;
  attributes: { key: string; sql: string }[];
}

export function filterConditions(filters: ListingFilters, params: SqlParams, alias = 'l'): FilterConditions {
  // category_keys holds the ids and slugs of the category and its ancestors (GIN-indexed).
  const category = filters.category === undefined ? null : `${alias}.category_keys @> ARRAY[${params.add(filters.category)}::text]`;
  const price: string[] = [];
  if (filters.minPrice !== undefined) price.push(`${alias}.min_price >= ${params.add(filters.minPrice)}`);
  if (filters.maxPrice !== undefined) price.push(`${alias}.min_price <= ${params.add(filters.maxPrice)}`);
  return {
    category,
    price: price.length ? price.join(' AND ') : null,
    stock: filters.inStock === undefined ? null : `${alias}.in_stock = ${params.add(filters.inStock)}`,
    attributes: Object.entries(filters.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, values]) => ({
        key,
        // attr_pairs holds `key=value` strings; && is "has any of these" (GIN-indexed).
        sql: `${alias}.attr_pairs && ${params.add(values.map((value) => `${key}=${value}`))}::text[]`,
      })),
  };
}

export function allConditions(c: FilterConditions): string[] {
  return [c.category, c.price, c.stock, ...c.attributes.map((a) => a.sql)].filter((s): s is string => s !== null);
}

/** The sort key as the cursor stores it (timestamps as text, to keep their microseconds). */
export function sortKeyExpression(sort: ListingSort, alias = 'l'): string {
  const { column, kind } = SORT_SPECS[sort];
  return kind === 'timestamp'
    ? `to_char(${alias}.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `${alias}.${column}`;
}

export function orderBy(sort: ListingSort, alias = 'l'): string {
  const { column, descending } = SORT_SPECS[sort];
  const direction = descending ? 'DESC' : 'ASC';
  return `${alias}.${column} ${direction}, ${alias}.product_id ${direction}`;
}

/**
 * One page of the public product list: a keyset walk over one index of `product_listings`,
 * one statement whatever the page size. Asks for `limit + 1` rows to know whether a page follows.
 */
export function buildListQuery(filters: ListingFilters, sort: ListingSort, after: ListingPosition | undefined, limit: number): SqlQuery {
  const params = new SqlParams();
  const where = allConditions(filterConditions(filters, params));
  if (after) {
    const { kind } = SORT_SPECS[sort];
    const cast = kind === 'timestamp' ? 'timestamptz' : kind;
    where.push(`(l.${SORT_SPECS[sort].column}, l.product_id) ${SORT_SPECS[sort].descending ? '<' : '>'} (${params.add(after.key)}::${cast}, ${params.add(after.id)}::uuid)`);
  }
  const { column, descending } = SORT_SPECS[sort];
  const direction = descending ? 'DESC' : 'ASC';
  const text = `SELECT c.card, page.id, page.key FROM (
  SELECT l.product_id AS id, l.${column} AS sort_value, ${sortKeyExpression(sort)} AS key
  FROM catalog.product_listings l
  ${where.length ? `WHERE ${where.join('\n    AND ')}` : ''}
  ORDER BY ${orderBy(sort)}
  LIMIT ${params.add(limit + 1)}
) page
JOIN catalog.product_cards c ON c.product_id = page.id
ORDER BY page.sort_value ${direction}, page.id ${direction}`;
  return { text, values: params.values };
}
