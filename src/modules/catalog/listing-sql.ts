/**
 * The SQL that keeps the read model (`product_listings`, `suggest_terms`, `search_words`) in step
 * with the product documents. Each statement works on the products whose ids are in `$1`.
 */

/** Text search configuration of names, descriptions, categories and attributes (stemmed). */
export const TEXT_CONFIG = 'english';

const money = (amount: string, currency: string) => `json_build_object('amount', ${amount}, 'currency', ${currency})`;

/** One row per published product with at least one live variant: everything a list item shows. */
const SOURCE = `
  SELECT p.id, p.slug, p.name, p.description, p.category_id, p.attributes, p.images,
         COALESCE(p.published_at, p.created_at) AS published_at,
         p.rating_count, p.rating_total,
         c.slug AS category_slug, c.name AS category_name,
         COALESCE((SELECT array_agg(a.id::text) || array_agg(a.slug) FROM catalog.categories a WHERE a.id = ANY(c.path)), '{}') AS category_keys,
         COALESCE((SELECT string_agg(a.name, ' ') FROM catalog.categories a WHERE a.id = ANY(c.path)), '') AS category_text,
         (SELECT string_agg(value, ' ') FROM jsonb_each_text(p.attributes)) AS attribute_text,
         v.min_price, v.max_price, v.currency, v.in_stock, v.skus, v.option_text, v.variants
  FROM catalog.products p
  LEFT JOIN catalog.categories c ON c.id = p.category_id
  JOIN LATERAL (
    SELECT min(v.price) AS min_price, max(v.price) AS max_price, min(v.currency) AS currency,
           bool_or(COALESCE(a.in_stock, false)) AS in_stock, string_agg(v.sku, ' ') AS skus,
           string_agg((SELECT string_agg(o.value, ' ') FROM jsonb_each_text(v.options) o), ' ') AS option_text,
           json_agg(json_build_object(
             'id', v.id, 'sku', v.sku, 'options', v.options,
             'price', ${money('v.price', 'v.currency')},
             'compareAtPrice', CASE WHEN v.compare_at_price IS NULL THEN NULL ELSE ${money('v.compare_at_price', 'v.currency')} END,
             'inStock', COALESCE(a.in_stock, false)
           ) ORDER BY v.position, v.id) AS variants
    FROM catalog.variants v
    LEFT JOIN catalog.variant_availability a ON a.sku = v.sku
    WHERE v.product_id = p.id AND v.deleted_at IS NULL
    HAVING count(*) > 0
  ) v ON true
  WHERE p.id = ANY($1::uuid[]) AND p.status = 'published'`;

const RATING_AVERAGE = `CASE WHEN s.rating_count = 0 THEN NULL ELSE round(s.rating_total::numeric / s.rating_count, 2) END`;

const CARD = `json_build_object(
    'id', s.id, 'slug', s.slug, 'name', s.name,
    'category', CASE WHEN s.category_id IS NULL THEN NULL
                ELSE json_build_object('id', s.category_id, 'slug', s.category_slug, 'name', s.category_name) END,
    'image', CASE WHEN jsonb_array_length(s.images) = 0 THEN NULL
             ELSE jsonb_build_object('url', s.images->0->'url', 'alt', s.images->0->'alt') END,
    'price', ${money('s.min_price', 's.currency')},
    'maxPrice', ${money('s.max_price', 's.currency')},
    'inStock', s.in_stock,
    'rating', json_build_object('average', ${RATING_AVERAGE}, 'count', s.rating_count),
    'publishedAt', to_char(s.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'variants', s.variants
  )::text`;

const DOC = `
    setweight(to_tsvector('${TEXT_CONFIG}', s.name), 'A') ||
    setweight(to_tsvector('${TEXT_CONFIG}', COALESCE(s.skus, '')), 'B') ||
    setweight(to_tsvector('${TEXT_CONFIG}', s.category_text), 'B') ||
    setweight(to_tsvector('${TEXT_CONFIG}', COALESCE(s.attribute_text, '') || ' ' || COALESCE(s.option_text, '')), 'B') ||
    setweight(to_tsvector('${TEXT_CONFIG}', s.description), 'C')`;

const LISTING_COLUMNS = `product_id, slug, name, sort_name, category_id, category_keys, min_price, in_stock, rating_sort,
  published_at, attr_pairs, doc`;

/** Locks the product rows first: the next statement then reads what concurrent writers committed. */
export const LOCK_PRODUCTS = `SELECT id FROM catalog.products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`;

/**
 * Upserts the listing and card of each published product in `$1` and deletes those of the others;
 * returns how many products' public rows changed (0 means caches may stay).
 */
export const UPSERT_LISTINGS = `
WITH s AS (${SOURCE}),
listing AS (
  INSERT INTO catalog.product_listings (${LISTING_COLUMNS})
  SELECT s.id, s.slug, s.name, lower(s.name), s.category_id, s.category_keys, s.min_price, s.in_stock,
         COALESCE(round(100 * s.rating_total::numeric / NULLIF(s.rating_count, 0)), 0), s.published_at,
         COALESCE((SELECT array_agg(key || '=' || value ORDER BY key) FROM jsonb_each_text(s.attributes)), '{}'), ${DOC}
  FROM s
  ON CONFLICT (product_id) DO UPDATE SET
    slug = EXCLUDED.slug, name = EXCLUDED.name, sort_name = EXCLUDED.sort_name, category_id = EXCLUDED.category_id,
    category_keys = EXCLUDED.category_keys, min_price = EXCLUDED.min_price, in_stock = EXCLUDED.in_stock,
    rating_sort = EXCLUDED.rating_sort, published_at = EXCLUDED.published_at, attr_pairs = EXCLUDED.attr_pairs,
    doc = EXCLUDED.doc
  WHERE (product_listings.*) IS DISTINCT FROM (EXCLUDED.*)
  RETURNING product_id
),
card AS (
  INSERT INTO catalog.product_cards (product_id, card)
  SELECT s.id, ${CARD} FROM s
  ON CONFLICT (product_id) DO UPDATE SET card = EXCLUDED.card
  WHERE product_cards.card IS DISTINCT FROM EXCLUDED.card
  RETURNING product_id
),
removed AS (
  DELETE FROM catalog.product_listings l
  WHERE l.product_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM s WHERE s.id = l.product_id)
  RETURNING product_id
),
removed_card AS (
  DELETE FROM catalog.product_cards c
  WHERE c.product_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM s WHERE s.id = c.product_id)
  RETURNING product_id
)
SELECT count(DISTINCT id)::int AS changed FROM (
  SELECT product_id AS id FROM listing UNION ALL SELECT product_id FROM card
  UNION ALL SELECT product_id FROM removed UNION ALL SELECT product_id FROM removed_card
) changed`;

export const DELETE_SUGGEST_TERMS = `DELETE FROM catalog.suggest_terms WHERE product_id = ANY($1::uuid[])`;

/** Up to 8 word-suffixes of each listed name. */
export const INSERT_SUGGEST_TERMS = `
INSERT INTO catalog.suggest_terms (product_id, position, term, name, slug)
SELECT w.product_id, i - 1, array_to_string(w.words[i:], ' '), w.name, w.slug
FROM (
  SELECT product_id, name, slug, regexp_split_to_array(btrim(regexp_replace(sort_name, '\\s+', ' ', 'g')), ' ') AS words
  FROM catalog.product_listings WHERE product_id = ANY($1::uuid[])
) w
CROSS JOIN LATERAL generate_subscripts(w.words, 1) AS i
WHERE i <= 8 AND w.words[i] <> ''`;

/**
 * Adds the listed products' words to the vocabulary; sorted so concurrent writers take the
 * unique-index locks in one order (no deadlock).
 */
/** The text whose words make up the vocabulary of one product (`p` and its category `c`). */
const LEXICON_WORDS = `unnest(to_tsvector('simple',
  p.name || ' ' || p.description || ' ' ||
  COALESCE((SELECT string_agg(value, ' ') FROM jsonb_each_text(p.attributes)), '') || ' ' ||
  COALESCE((SELECT string_agg(a.name, ' ') FROM catalog.categories a WHERE a.id = ANY(c.path)), '')
)) t`;

const LEXICON_FILTER = `length(t.lexeme) BETWEEN 3 AND 40 AND t.lexeme ~ '^[[:alpha:]]+$'`;

/**
 * Adds the listed products' words to the vocabulary; sorted so concurrent writers take the
 * unique-index locks in one order (no deadlock).
 */
export const INSERT_SEARCH_WORDS = `
INSERT INTO catalog.search_words (word)
SELECT DISTINCT t.lexeme
FROM catalog.product_listings l
JOIN catalog.products p ON p.id = l.product_id
LEFT JOIN catalog.categories c ON c.id = p.category_id
CROSS JOIN LATERAL ${LEXICON_WORDS}
WHERE l.product_id = ANY($1::uuid[]) AND ${LEXICON_FILTER}
ORDER BY t.lexeme
ON CONFLICT (word) DO NOTHING`;

/** Forgets words no listed product uses any more (a scheduled job; words are only added on writes). */
export const PRUNE_SEARCH_WORDS = `
WITH live AS (
  SELECT DISTINCT t.lexeme AS word
  FROM catalog.product_listings l
  JOIN catalog.products p ON p.id = l.product_id
  LEFT JOIN catalog.categories c ON c.id = p.category_id
  CROSS JOIN LATERAL ${LEXICON_WORDS}
  WHERE ${LEXICON_FILTER}
)
DELETE FROM catalog.search_words w WHERE NOT EXISTS (SELECT 1 FROM live WHERE live.word = w.word)`;
