import { Client } from 'pg';

/**
 * Grows a bench catalog past what the admin API seeds in reasonable time: copies of the published
 * products (new ids, names, slugs and SKUs) written straight into the catalog's tables, with the
 * availability of the SKUs they copy. `POST /admin/catalog/reindex` must follow, as after any
 * bulk import.
 */
export async function bulkClone(databaseUrl: string, target: number): Promise<number> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const [{ n: current }] = (await db.query(`SELECT count(*)::int AS n FROM catalog.products`)).rows;
    if (current >= target) return 0;
    const rounds = Math.ceil((target - current) / current);
    await db.query('BEGIN');
    await db.query(`
      CREATE TEMP TABLE clone_map ON COMMIT DROP AS
      SELECT p.id AS old_id, gen_random_uuid() AS new_id, k AS round
      FROM catalog.products p CROSS JOIN generate_series(1, $1::int) k
      WHERE p.status = 'published'
      LIMIT $2`, [rounds, target - current]);
    await db.query(`
      INSERT INTO catalog.products (id, name, slug, description, status, category_id, attributes, images,
                                    published_at, version, created_at, updated_at)
      SELECT m.new_id, regexp_replace(p.name, '[0-9]+$', '') || (m.round * 1000000 + coalesce(substring(p.name from '[0-9]+$')::int, 0)),
             p.slug || '-c' || m.round, p.description, p.status, p.category_id, p.attributes, p.images,
             now() - random() * interval '60 days', 1, now(), now()
      FROM clone_map m JOIN catalog.products p ON p.id = m.old_id`);
    await db.query(`
      INSERT INTO catalog.variants (id, product_id, sku, options, price, compare_at_price, currency, weight_grams, position)
      SELECT gen_random_uuid(), m.new_id, v.sku || '-C' || m.round, v.options, v.price, v.compare_at_price, v.currency,
             v.weight_grams, v.position
      FROM clone_map m JOIN catalog.variants v ON v.product_id = m.old_id AND v.deleted_at IS NULL`);
    await db.query(`
      INSERT INTO catalog.variant_availability (sku, available, in_stock)
      SELECT v.sku || '-C' || m.round, a.available, a.in_stock
      FROM clone_map m JOIN catalog.variants v ON v.product_id = m.old_id AND v.deleted_at IS NULL
      JOIN catalog.variant_availability a ON a.sku = v.sku`);
    const [{ n: added }] = (await db.query(`SELECT count(*)::int AS n FROM clone_map`)).rows;
    await db.query('COMMIT');
    return added;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}
