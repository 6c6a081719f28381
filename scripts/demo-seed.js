// The demo shop, seeded once: ten categories in a tree and 200 products with variants and stock.
const { adminToken, call, seedProducts } = require('./catalog-seeder');

const DEMO_PRODUCTS = 200;

async function seedDemoShop(base, email, password) {
  const existing = await call(base, undefined, 'GET', '/products?limit=1');
  if (existing.items.length > 0) {
    console.log('Demo shop already seeded.');
    return;
  }
  console.log(`Seeding the demo shop (${DEMO_PRODUCTS} products)...`);
  const token = await adminToken(base, email, password);
  await seedProducts(base, token, { to: DEMO_PRODUCTS, concurrency: 8 });
  console.log('Demo shop seeded.');
}

module.exports = { seedDemoShop };
