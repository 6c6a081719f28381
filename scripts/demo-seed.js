// The demo shop: ten categories in a tree and 200 products with variants and stock. Every start runs
// the seed, which completes whatever an interrupted earlier start left out and changes nothing else.
const { adminToken, seedProducts } = require('./catalog-seeder');

const DEMO_PRODUCTS = 200;

async function seedDemoShop(base, email, password, { products = DEMO_PRODUCTS } = {}) {
  console.log(`Checking the demo shop (${products} products)...`);
  const token = await adminToken(base, email, password);
  const created = await seedProducts(base, token, { to: products, concurrency: 8 });
  console.log(created ? `Demo shop seeded (${created} of ${products} products added).` : 'Demo shop already seeded.');
}

module.exports = { seedDemoShop };
