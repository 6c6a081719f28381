/* `npm run bench`: autocannon scenarios against the seeded bench catalog, next to a bare NestJS route. */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, prepareDatabase, startApi, startBare } from './servers';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SEARCH_TERMS, SUGGEST_PREFIXES } = require('../scripts/catalog-fixtures');

interface Scenario {
  name: string;
  paths: string[];
  connections: number;
}

interface Result {
  name: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratioToBare?: number;
}

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SEARCH_CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? CONNECTIONS);

async function load(base: string, scenario: Scenario): Promise<Result> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: scenario.connections,
    duration: DURATION,
    requests: [{ setupRequest: (req) => ({ ...req, path: scenario.paths[i++ % scenario.paths.length] }) }],
  });
  return {
    name: scenario.name,
    connections: scenario.connections,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} -> ${res.status}`);
  return (await res.json()) as T;
}

/** Walks the list to collect deep cursors and product slugs, so requests hit random pages. */
async function collectInputs(api: string): Promise<Inputs> {
  type Page = { items: { slug: string }[]; nextCursor: string | null };
  const cursors: string[] = [];
  const slugs: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const res: Page = await json(`${api}/api/v1/products?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    slugs.push(...res.items.map((p) => p.slug));
    if (!res.nextCursor) break;
    cursor = res.nextCursor;
    cursors.push(cursor);
  }
  if (!slugs.length) throw new Error('The bench catalog is empty: run `npm run bench:seed -- --products 10000` first');
  return { cursors, slugs };
}

function shuffle<T>(list: T[]): T[] {
  return list.map((v) => [Math.random(), v] as const).sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

interface Inputs {
  cursors: string[];
  slugs: string[];
}

function scenariosFor({ cursors, slugs }: Inputs, suffix: string): Scenario[] {
  const base = '/api/v1';
  return [
    { name: 'product list, first page', paths: [`${base}/products?limit=20`], connections: CONNECTIONS },
    { name: 'product list, random deep pages', paths: shuffle(cursors).map((c) => `${base}/products?limit=20&cursor=${encodeURIComponent(c)}`), connections: CONNECTIONS },
    { name: 'product detail', paths: shuffle(slugs).map((s) => `${base}/products/${s}`), connections: CONNECTIONS },
    { name: 'search', paths: shuffle(SEARCH_TERMS as string[]).map((q) => `${base}/search?q=${encodeURIComponent(q)}&limit=20`), connections: SEARCH_CONNECTIONS },
    { name: 'suggest', paths: shuffle(SUGGEST_PREFIXES as string[]).map((q) => `${base}/search/suggest?q=${encodeURIComponent(q)}`), connections: SEARCH_CONNECTIONS },
  ].map((s) => ({ ...s, name: s.name + suffix }));
}

async function runScenarios(url: string, scenarios: Scenario[]): Promise<Result[]> {
  const results: Result[] = [];
  for (const scenario of scenarios) {
    await load(url, { ...scenario, name: `${scenario.name} (warm-up)` });
    results.push(await load(url, scenario));
  }
  return results;
}

async function main(): Promise<void> {
  ensureBuilt();
  await prepareDatabase();
  const results: Result[] = [];

  const bare = await startBare(3198);
  results.push(await load(bare.url, { name: 'bare NestJS route (ceiling)', paths: ['/bare'], connections: CONNECTIONS }));
  await bare.stop();

  const cached = await startApi(3197);
  let inputs: Inputs;
  try {
    inputs = await collectInputs(cached.url);
    results.push(...(await runScenarios(cached.url, scenariosFor(inputs, ''))));
  } finally {
    await cached.stop();
  }
  // The same reads with the list/search/suggest cache off: what the database itself sustains.
  const uncached = await startApi(3196, 'api', { CATALOG_LIST_CACHE_TTL_SECONDS: '0' });
  try {
    const databaseBound = scenariosFor(inputs, ', uncached').filter((s) => !s.name.startsWith('product detail'));
    results.push(...(await runScenarios(uncached.url, databaseBound)));
  } finally {
    await uncached.stop();
  }

  const ceiling = results[0].requestsPerSecond;
  for (const r of results) r.ratioToBare = Number((r.requestsPerSecond / ceiling).toFixed(3));
  console.log(`\n${cpus().length} cores (${cpus()[0]?.model}), ${DURATION} s per scenario\n`);
  console.table(results.map((r) => ({ scenario: r.name, conns: r.connections, 'req/s': r.requestsPerSecond, 'p50 ms': r.p50, 'p99 ms': r.p99, 'x bare': r.ratioToBare, errors: r.errors, non2xx: r.non2xx })));
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const machine = { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, durationSeconds: DURATION };
  writeFileSync(join(dir, `catalog-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ machine, results }, null, 2));
  if (results.some((r) => r.errors > 0 || r.non2xx > 0)) {
    console.error('Some requests failed: these figures do not count.');
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
