import { Injectable } from '@nestjs/common';
import { CachedBody, CatalogCache } from './catalog-cache';
import { CatalogReader } from './catalog-reader';
import type { SearchQueryDto } from './dto/listing-query.dto';
import type { SuggestionDto } from './dto/search.dto';
import { entryOf, renderBody } from './http-cache';
import { canonicalKey } from './cache-key';
import { filtersOf } from './product-reads.service';
import { buildSearchQuery, buildSuggestQuery } from './search-sql';
import { decodeSearchCursor, FacetRows, nextSearchCursor, toFacets } from './search-results';
import { normalizePrefix, prefixUpperBound, searchWords } from './search-text';

export const MAX_SUGGESTIONS = 10;

interface SearchRow extends FacetRows {
  total: number;
  items: string;
}

/**
 * Catalog search behind one service: PostgreSQL full text with trigram typo tolerance today; another
 * engine could answer the same two methods tomorrow. Results are cached per catalog generation.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly reader: CatalogReader,
    private readonly cache: CatalogCache,
  ) {}

  /** One SQL statement on a cache miss (matches, page, total and facets together), none on a hit. */
  async search(query: SearchQueryDto): Promise<CachedBody> {
    const offset = decodeSearchCursor(query.cursor, query.sort);
    const words = searchWords(query.q);
    const filters = filtersOf(query);
    const key = canonicalKey({ search: 1, words, sort: query.sort, limit: query.limit, offset, ...filters });
    return this.cache.through('lists', key, async () => {
      const [row] = await this.reader.query<SearchRow>(
        buildSearchQuery({ words, filters, sort: query.sort, offset, limit: query.limit }),
      );
      const facets = JSON.stringify(toFacets(row));
      const next = JSON.stringify(nextSearchCursor(offset, query.limit, row.total, query.sort));
      return entryOf(`{"items":[${row.items}],"total":${row.total},"nextCursor":${next},"facets":${facets}}`);
    });
  }

  /** Distinct product names with a word starting with `q`, at most 10; one index range walk. */
  async suggest(q: string): Promise<CachedBody> {
    const prefix = normalizePrefix(q);
    if (prefix === '') return renderBody({ items: [] });
    const key = canonicalKey({ suggest: prefix });
    return this.cache.through('lists', key, async () => {
      const rows = await this.reader.query<SuggestionDto>(buildSuggestQuery(prefix, prefixUpperBound(prefix), 3 * MAX_SUGGESTIONS));
      const seen = new Set<string>();
      const items = rows.filter((r) => !seen.has(r.name) && seen.add(r.name)).slice(0, MAX_SUGGESTIONS);
      return renderBody({ items });
    });
  }
}
