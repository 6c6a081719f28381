/*
 * `npm run bench:seed -- --products 10000`: a bench catalog created through the admin API, as a
 * back-office would. Past 10,000 products the rest are bulk copies (see bulk-clone.ts), because the
 * API path writes ~30 products/s on two cores with every projection it maintains.
 */
import { Client } from 'pg';
import { bulkClone } from './bulk-clone';
import { BENCH_ADMIN, BENCH_DATABASE_URL, ensureBuilt, prepareDatabase, startApi } from './servers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { adminToken, call, seedProducts } = require('../scripts/catalog-seeder');

const THROUGH_API = Number(process.env.BENCH_SEED_THROUGH_API ?? 10_000);

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function sql<T>(query: string): Promise<T[]> {
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(query)).rows as T[];
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const products = argument('products', 10_000);
  ensureBuilt();
  await prepareDatabase();
  const name = new URL(BENCH_DATABASE_URL).pathname.slice(1);
  // Seeding only: a bench database need not wait for each commit to reach the disk.
  await sql(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
  const api = await startApi(3199, 'all');
  try {
    const token: string = await adminToken(api.url, BENCH_ADMIN.email, BENCH_ADMIN.password);
    const [{ n: existing }] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM catalog.products`);
    const apiTarget = Math.min(products, THROUGH_API);
    if (existing < apiTarget) {
      const started = Date.now();
      console.log(`Seeding products ${existing + 1}..${apiTarget} through the admin API`);
      const done: number = await seedProducts(api.url, token, {
        from: existing,
        to: apiTarget,
        concurrency: 24,
        onProgress: (n: number) => console.log(`  ${existing + n} products (${Math.round(n / ((Date.now() - started) / 1000))}/s)`),
      });
      console.log(`Seeded ${done} products in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    if (products > apiTarget) {
      const added = await bulkClone(BENCH_DATABASE_URL, products);
      console.log(`Bulk-copied ${added} products; reindexing...`);
      const result = await call(api.url, token, 'POST', '/admin/catalog/reindex');
      console.log('Reindexed:', JSON.stringify(result));
    }
  } finally {
    await api.stop();
    await sql(`ALTER DATABASE "${name}" RESET synchronous_commit`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
