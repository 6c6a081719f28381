const money = (amount: string, currency: string) => `json_build_object('amount', ${amount}, 'currency', ${currency})`;

/**
 * A published product page as JSON, with variants, availability, breadcrumbs and rating, in one
 * statement. `$1` is an id or a slug, as `by` says.
 */
export const productDetailSql = (by: 'id' | 'slug') => `
SELECT p.id, p.slug, json_build_object(
  'id', p.id, 'slug', p.slug, 'name', p.name, 'description', p.description,
  'category', CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'slug', c.slug, 'name', c.name) END,
  'breadcrumbs', COALESCE((
    SELECT json_agg(json_build_object('id', a.id, 'slug', a.slug, 'name', a.name) ORDER BY array_position(c.path, a.id))
    FROM catalog.categories a WHERE a.id = ANY(c.path)), '[]'),
  'attributes', p.attributes,
  'images', p.images,
  'seoTitle', p.seo_title,
  'seoDescription', p.seo_description,
  'price', ${money('v.min_price', 'v.currency')},
  'inStock', v.in_stock,
  'rating', json_build_object(
    'average', CASE WHEN p.rating_count = 0 THEN NULL ELSE round(p.rating_total::numeric / p.rating_count, 2) END,
    'count', p.rating_count),
  'publishedAt', to_char(COALESCE(p.published_at, p.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'variants', v.variants
)::text AS body
FROM catalog.products p
LEFT JOIN catalog.categories c ON c.id = p.category_id
JOIN LATERAL (
  SELECT min(v.price) AS min_price, min(v.currency) AS currency, bool_or(COALESCE(a.in_stock, false)) AS in_stock,
         json_agg(json_build_object(
           'id', v.id, 'sku', v.sku,
           'name', p.name || COALESCE(' (' || (SELECT string_agg(o.value, ', ') FROM jsonb_each_text(v.options) o) || ')', ''),
           'options', v.options,
           'price', ${money('v.price', 'v.currency')},
           'compareAtPrice', CASE WHEN v.compare_at_price IS NULL THEN NULL ELSE ${money('v.compare_at_price', 'v.currency')} END,
           'weight', v.weight_grams,
           'available', COALESCE(a.available, 0),
           'inStock', COALESCE(a.in_stock, false)
         ) ORDER BY v.position, v.id) AS variants
  FROM catalog.variants v
  LEFT JOIN catalog.variant_availability a ON a.sku = v.sku
  WHERE v.product_id = p.id AND v.deleted_at IS NULL
  HAVING count(*) > 0
) v ON true
WHERE p.status = 'published' AND ${by === 'id' ? 'p.id = $1::uuid' : 'p.slug = $1'}`;
