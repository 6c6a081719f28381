import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../common/http/pagination';
import { isUuid } from './slug';

export const LISTING_SORTS = ['newest', 'price', '-price', 'name', 'rating'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

interface SortSpec {
  /** The listing column the keyset walks, with `product_id` as the tie-breaker. */
  column: string;
  descending: boolean;
  kind: 'integer' | 'text' | 'timestamp';
}

export const SORT_SPECS: Record<ListingSort, SortSpec> = {
  newest: { column: 'published_at', descending: true, kind: 'timestamp' },
  price: { column: 'min_price', descending: false, kind: 'integer' },
  '-price': { column: 'min_price', descending: true, kind: 'integer' },
  name: { column: 'sort_name', descending: false, kind: 'text' },
  rating: { column: 'rating_sort', descending: true, kind: 'integer' },
};

/** Where a page ended: the sort key and id of its last item. */
export interface ListingPosition {
  key: string | number;
  id: string;
}

export function encodeListingCursor(sort: ListingSort, position: ListingPosition): string {
  return encodeCursor({ s: sort, k: position.key, i: position.id });
}

const INT4 = 2 ** 31;
/** The key as `listingQuery` writes it: `to_char(…, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`. */
const TIMESTAMP_KEY = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Keys PostgreSQL takes for the column's type (a cursor is client input, so anything else is a 400). */
const KEY_CHECKS: Record<SortSpec['kind'], (key: unknown) => boolean> = {
  integer: (key) => Number.isInteger(key) && (key as number) >= -INT4 && (key as number) < INT4,
  text: (key) => typeof key === 'string' && key.length <= 512,
  // Date rolls 2024-02-30 over into March; PostgreSQL refuses it, so the key must read back unchanged.
  timestamp: (key) => typeof key === 'string' && TIMESTAMP_KEY.test(key) && new Date(key).toISOString().slice(0, 19) === key.slice(0, 19),
};

const invalid = (message: string) => new ValidationFailedError([{ field: 'cursor', message }]);

/** Reads a cursor back; it must come from a page of the same sort and carry a well-typed key. */
export function decodeListingCursor(cursor: string | undefined, sort: ListingSort): ListingPosition | undefined {
  const raw = decodeCursor<{ s?: unknown; k?: unknown; i?: unknown }>(cursor);
  if (!raw) return undefined;
  if (raw.s !== sort) throw invalid('cursor belongs to another sort order');
  if (typeof raw.i !== 'string' || !isUuid(raw.i)) throw invalid('cursor is not valid');
  const { kind } = SORT_SPECS[sort];
  if (!KEY_CHECKS[kind](raw.k)) throw invalid('cursor is not valid');
  return { key: raw.k as string | number, id: raw.i };
}
