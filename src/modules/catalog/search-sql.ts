import { TEXT_CONFIG } from './listing-sql';
import { FilterConditions, filterConditions, ListingFilters, SqlParams, SqlQuery } from './listing-query';
import { ListingSort, SORT_SPECS } from './listing-sort';
import { PRICE_BOUNDARIES } from './price-buckets';

export type SearchSort = 'relevance' | ListingSort;

export interface SearchRequest {
  words: string[];
  filters: ListingFilters;
  sort: SearchSort;
  offset: number;
  limit: number;
}

/** Values of an attribute facet beyond this many (the most frequent first) are left out. */
export const MAX_FACET_VALUES = 20;

/** How alike (pg_trgm similarity) a vocabulary word must be to stand in for an unknown query word. */
export const MIN_CORRECTION_SIMILARITY = 0.4;

/**
 * Each query word becomes "the word OR its closest vocabulary words" when the vocabulary does not
 * know it (typo tolerance through pg_trgm: only the best-scoring neighbours, so `wallnut` means
 * `walnut` and not also `wallet`), and the words are ANDed into one tsquery.
 */
const TSQUERY_CTES = (words: string) => `words AS (
  SELECT w.word, w.ord FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, ord)
),
alternatives AS (
  SELECT ord, word AS alt FROM words
  UNION
  SELECT words.ord, fix.word FROM words CROSS JOIN LATERAL (
    SELECT sw.word, similarity(sw.word, words.word) AS score, max(similarity(sw.word, words.word)) OVER () AS best
    FROM catalog.search_words sw
    WHERE length(words.word) >= 4 AND sw.word % words.word
      AND NOT EXISTS (SELECT 1 FROM catalog.search_words known WHERE known.word = words.word)
    ORDER BY score DESC, sw.word
    LIMIT 3
  ) fix
  WHERE fix.score >= ${MIN_CORRECTION_SIMILARITY} AND fix.score = fix.best
),
q AS MATERIALIZED (
  SELECT to_tsquery('${TEXT_CONFIG}', string_agg('(' || alts || ')', ' & ')) AS query
  FROM (SELECT ord, string_agg(alt, ' | ') AS alts FROM alternatives GROUP BY ord) g
),`;

interface Flags {
  columns: string[];
  all: string[];
  /** The other filters than the one a facet is about (facets stay useful as filters). */
  allBut(kind: 'category' | 'price'): string[];
}

function flags(c: FilterConditions): Flags {
  const columns: string[] = [];
  const named: { name: string; kind: string }[] = [];
  const add = (name: string, sql: string | null, kind: string) => {
    if (sql === null) return;
    columns.push(`(${sql}) AS ${name}`);
    named.push({ name, kind });
  };
  add('f_category', c.category, 'category');
  add('f_price', c.price, 'price');
  add('f_stock', c.stock, 'stock');
  c.attributes.forEach((a, i) => add(`f_attr${i}`, a.sql, 'attribute'));
  return {
    columns,
    all: named.map((n) => n.name),
    allBut: (kind) => named.filter((n) => n.kind !== kind).map((n) => n.name),
  };
}

const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

function pageOrder(sort: SearchSort, alias: string): string {
  if (sort === 'relevance') {
    return `${alias}.in_stock DESC, ${alias}.rank DESC, ${alias}.published_at DESC, ${alias}.product_id DESC`;
  }
  const { column, descending } = SORT_SPECS[sort];
  const direction = descending ? 'DESC' : 'ASC';
  return `${alias}.${column} ${direction}, ${alias}.product_id ${direction}`;
}

/**
 * A whole search in one statement: the matches are materialised once with one boolean per active
 * filter, then the page, the total and every facet are read from them. A facet ignores its own
 * filter (choosing another brand stays possible) and applies all the others.
 */
export function buildSearchQuery(request: SearchRequest): SqlQuery {
  const params = new SqlParams();
  const text = request.words.length > 0;
  const wordsParam = text ? params.add(request.words) : '';
  const conditions = filterConditions(request.filters, params);
  const f = flags(conditions);
  const attributeFacetFilter = [
    ...f.all.filter((name) => !name.startsWith('f_attr')),
    ...conditions.attributes.map((a, i) => `(split_part(pair, '=', 1) = ${params.add(a.key)} OR f_attr${i})`),
  ];
  const sql = `WITH ${text ? TSQUERY_CTES(wordsParam) : ''}
m AS MATERIALIZED (
  SELECT l.product_id, l.category_id, l.min_price, l.attr_pairs, l.in_stock, l.published_at, l.sort_name, l.rating_sort,
         ${text ? 'ts_rank(l.doc, q.query)' : '0::real'} AS rank${f.columns.map((c) => `,\n         ${c}`).join('')}
  FROM catalog.product_listings l${text ? ' CROSS JOIN q\n  WHERE l.doc @@ q.query' : ''}
),
page AS (
  SELECT m.* FROM m ${where(f.all)}
  ORDER BY ${pageOrder(request.sort, 'm')} LIMIT ${params.add(request.limit)} OFFSET ${params.add(request.offset)}
)
SELECT
  (SELECT count(*)::int FROM m ${where(f.all)}) AS total,
  (SELECT COALESCE(string_agg(c.card, ',' ORDER BY ${pageOrder(request.sort, 'page')}), '')
     FROM page JOIN catalog.product_cards c ON c.product_id = page.product_id) AS items,
  (SELECT COALESCE(json_agg(json_build_object('slug', c.slug, 'name', c.name, 'count', x.n) ORDER BY x.n DESC, c.slug), '[]')
     FROM (SELECT a.id, sum(g.n)::int AS n
           FROM (SELECT category_id, count(*) AS n FROM m ${where(['category_id IS NOT NULL', ...f.allBut('category')])} GROUP BY 1) g
           JOIN catalog.categories leaf ON leaf.id = g.category_id CROSS JOIN unnest(leaf.path) AS a(id)
           GROUP BY a.id) x
     JOIN catalog.categories c ON c.id = x.id) AS categories,
  (SELECT COALESCE(json_agg(json_build_object('bucket', x.b, 'count', x.n) ORDER BY x.b), '[]')
     FROM (SELECT width_bucket(min_price, ${params.add(PRICE_BOUNDARIES)}::int[]) AS b, count(*)::int AS n
           FROM m ${where(f.allBut('price'))} GROUP BY 1) x) AS prices,
  (SELECT COALESCE(json_agg(json_build_object('key', x.key, 'value', x.value, 'count', x.n) ORDER BY x.key, x.n DESC, x.value), '[]')
     FROM (SELECT split_part(pair, '=', 1) AS key, substr(pair, strpos(pair, '=') + 1) AS value, n,
                  row_number() OVER (PARTITION BY split_part(pair, '=', 1) ORDER BY n DESC, pair) AS r
           FROM (SELECT pair, count(*)::int AS n FROM m CROSS JOIN LATERAL unnest(m.attr_pairs) AS pair
                 ${where(attributeFacetFilter)} GROUP BY pair) counted) x
     WHERE x.r <= ${MAX_FACET_VALUES}) AS attributes`;
  return { text: sql, values: params.values };
}

/**
 * Distinct product names having a word that starts with the prefix: a loose index scan over
 * `(term, name)`, one index probe per suggestion.
 */
export function buildSuggestQuery(prefix: string, upperBound: string, limit: number): SqlQuery {
  return {
    text: `WITH RECURSIVE hit AS (
  (SELECT t.term, t.name, t.slug FROM catalog.suggest_terms t
   WHERE t.term >= $1 AND t.term < $2 ORDER BY t.term, t.name LIMIT 1)
  UNION ALL
  SELECT n.term, n.name, n.slug FROM hit CROSS JOIN LATERAL (
    SELECT t.term, t.name, t.slug FROM catalog.suggest_terms t
    WHERE t.term < $2 AND (t.term, t.name) > (hit.term, hit.name)
    ORDER BY t.term, t.name LIMIT 1
  ) n
)
SELECT name, slug FROM hit LIMIT $3`,
    values: [prefix, upperBound, limit],
  };
}
