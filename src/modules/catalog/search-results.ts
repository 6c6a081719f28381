import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../common/http/pagination';
import type { AttributeFacetDto, SearchFacetsDto } from './dto/search.dto';
import { toPriceRanges } from './price-buckets';

/** Relevance has no stable key to walk, so search pages by offset, through this many matches. */
export const MAX_SEARCH_RESULTS = 1000;

export function decodeSearchCursor(cursor: string | undefined, sort: string): number {
  const raw = decodeCursor<{ o?: unknown; s?: unknown }>(cursor);
  if (!raw) return 0;
  if (raw.s !== sort || !Number.isInteger(raw.o) || (raw.o as number) < 0 || (raw.o as number) >= MAX_SEARCH_RESULTS) {
    throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid for this search' }]);
  }
  return raw.o as number;
}

export function nextSearchCursor(offset: number, limit: number, total: number, sort: string): string | null {
  const next = offset + limit;
  return next < Math.min(total, MAX_SEARCH_RESULTS) ? encodeCursor({ o: next, s: sort }) : null;
}

export interface FacetRows {
  categories: { slug: string; name: string; count: number }[];
  prices: { bucket: number; count: number }[];
  attributes: { key: string; value: string; count: number }[];
}

/** The facet rows of the search statement as the API shows them. */
export function toFacets(rows: FacetRows): SearchFacetsDto {
  const attributes: AttributeFacetDto[] = [];
  for (const row of rows.attributes) {
    let facet = attributes.at(-1);
    if (facet?.key !== row.key) {
      facet = { key: row.key, values: [] };
      attributes.push(facet);
    }
    facet.values.push({ value: row.value, count: row.count });
  }
  return { categories: rows.categories, priceRanges: toPriceRanges(rows.prices), attributes };
}
