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

/** Creates products `from` .. `to - 1` with `concurrency` requests in flight; returns how many. */
async function seedProducts(base, token, { from = 0, to, concurrency = 16, onProgress }) {
  const categoryIds = await ensureCategories(base, token);
  let next = from;
  let done = 0;
  async function worker() {
    while (next < to) {
      const i = next++;
      const { product, stock } = productFixture(i, categoryIds);
      try {
        await call(base, token, 'POST', '/admin/products', product);
      } catch (err) {
        if (err.status !== 409) throw err;
      }
      for (const s of stock) {
        await call(base, token, 'PUT', `/admin/inventory/${encodeURIComponent(s.sku)}`, { onHand: s.onHand });
      }
      done++;
      if (onProgress && done % 500 === 0) onProgress(done);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done;
}

module.exports = { call, adminToken, seedProducts };
