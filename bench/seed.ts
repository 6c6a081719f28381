/* `npm run bench:seed -- --products 10000`: a bench catalog, created through the admin API. */
import { BENCH_ADMIN, ensureBuilt, prepareDatabase, startApi } from './servers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adminToken, call, seedProducts } = require('../scripts/catalog-seeder');

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main(): Promise<void> {
  const products = argument('products', 10_000);
  ensureBuilt();
  await prepareDatabase();
  const api = await startApi(3199, 'all');
  try {
    const token: string = await adminToken(api.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    const existing: { total?: number } = await call(api.url, undefined, 'GET', '/search?q=&limit=1').catch(() => ({}));
    const from = Math.min(existing.total ?? 0, products);
    const started = Date.now();
    console.log(`Seeding products ${from + 1}..${products}`);
    const done: number = await seedProducts(api.url, token, {
      from,
      to: products,
      concurrency: 24,
      onProgress: (n: number) => console.log(`  ${from + n} products (${Math.round(n / ((Date.now() - started) / 1000))}/s)`),
    });
    console.log(`Seeded ${done} products in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await api.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
