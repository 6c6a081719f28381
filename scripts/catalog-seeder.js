// Seeds a catalog through the admin API, as a shop's back-office would: categories, products, stock.
const { CATEGORIES, productFixture } = require('./catalog-fixtures');

async function call(base, token, method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw Object.assign(new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`), { status: res.status, body: json });
  return json;
}

async function adminToken(base, email, password) {
  return (await call(base, undefined, 'POST', '/auth/login', { email, password })).accessToken;
}

async function ensureCategories(base, token) {
  const ids = {};
  for (const c of CATEGORIES) {
    try {
      const created = await call(base, token, 'POST', '/admin/categories', {
        name: c.name,
        slug: c.slug,
        ...(c.parent ? { parentId: ids[c.parent] } : {}),
      });
      ids[c.slug] = created.id;
    } catch (err) {
      if (err.status !== 409) throw err;
      ids[c.slug] = (await call(base, undefined, 'GET', `/categories/${c.slug}`)).id;
    }
  }
  return ids;
}

/** On hand of every SKU with a stock item; the catalog creates one with each variant. */
async function onHandBySku(base, token) {
  const onHand = new Map();
  let query = '?limit=100';
  for (;;) {
    const page = await call(base, token, 'GET', `/admin/inventory${query}`);
    for (const item of page.items) onHand.set(item.sku, item.onHand);
    if (!page.nextCursor) return onHand;
    query = `?limit=100&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

/** Creates the product unless its SKUs exist: SKUs are unique, so they key a re-run. */
async function createUnlessPresent(base, token, product, known) {
  if (known.has(product.variants[0].sku)) return false;
  try {
    await call(base, token, 'POST', '/admin/products', product);
    return true;
  } catch (err) {
    if (err.body?.code !== 'CATALOG.SKU_TAKEN') throw err;
    return false;
  }
}

/**
 * Whether nobody counted or sold the SKU yet. A stock item starts with nothing on hand and every
 * movement writes a ledger entry, so only an empty shelf needs its (empty) ledger read.
 */
async function neverCounted(base, token, sku, known) {
  if (known.get(sku) > 0) return false;
  return (await call(base, token, 'GET', `/admin/inventory/${encodeURIComponent(sku)}/ledger?limit=1`)).items.length === 0;
}

/**
 * Product `i` and its stock, completing what an interrupted run left out: the product is created in
 * one request, its stock in one request per SKU afterwards. A count anyone made since is kept.
 */
async function seedProduct(base, token, i, { categoryIds, known }) {
  const { product, stock } = productFixture(i, categoryIds);
  const created = await createUnlessPresent(base, token, product, known);
  for (const { sku, onHand } of stock) {
    // A count of 0 has nothing to write: that is where a new stock item starts.
    if (onHand === 0) continue;
    if (created || (await neverCounted(base, token, sku, known))) {
      await call(base, token, 'PUT', `/admin/inventory/${encodeURIComponent(sku)}`, { onHand });
    }
  }
  return created;
}

/**
 * Seeds products `from` .. `to - 1` with `concurrency` requests in flight and returns how many it
 * created. Safe to repeat: it completes what is missing and leaves what exists alone.
 */
async function seedProducts(base, token, { from = 0, to, concurrency = 16, onProgress }) {
  const context = { categoryIds: await ensureCategories(base, token), known: await onHandBySku(base, token) };
  let next = from;
  let done = 0;
  let created = 0;
  async function worker() {
    while (next < to) {
      const i = next++;
      if (await seedProduct(base, token, i, context)) created++;
      done++;
      if (onProgress && done % 500 === 0) onProgress(done);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return created;
}

module.exports = { call, adminToken, seedProducts };
