#!/usr/bin/env node
// `npm run demo`: rebuilt if the sources changed, database created if missing, migrated, demo shop
// seeded (and completed if a previous seed was cut off), API + worker on :3000.
const { spawn } = require('node:child_process');
const { join } = require('node:path');
const { Client } = require('pg');
const IORedis = require('ioredis');
const { ensureFreshBuild } = require('./fresh-build');

const root = join(__dirname, '..');
const env = {
  ...process.env,
  NODE_ENV: process.env.NODE_ENV ?? 'development',
  PORT: process.env.PORT ?? '3000',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emporium',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  ADMIN_EMAIL: process.env.ADMIN_EMAIL ?? 'admin@emporium.local',
  ADMIN_PASSWORD: process.env.ADMIN_PASSWORD ?? 'emporium-demo-admin',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};
const fail = (sentence) => {
  console.error(`\n${sentence}\n`);
  process.exit(1);
};

async function ensureDatabase() {
  const url = new URL(env.DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  try {
    await admin.connect();
  } catch {
    fail(
      `PostgreSQL is not reachable at ${url.host}: start it (on Debian: pg_ctlcluster 15 main start; ` +
        'or: docker compose up -d postgres redis) or set DATABASE_URL.',
    );
  }
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`Created database ${name}.`);
  }
  await admin.end();
}

async function ensureRedis() {
  const redis = new IORedis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch {
    fail(
      `Redis is not reachable at ${env.REDIS_URL}: start it (redis-server --daemonize yes; ` +
        'or: docker compose up -d redis) or set REDIS_URL.',
    );
  } finally {
    redis.disconnect();
  }
}

async function migrate() {
  require('reflect-metadata');
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = require(join(root, 'dist/src/common/database/data-source-options.js'));
  const dataSource = new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  console.log(applied.length ? `Applied ${applied.length} migration(s).` : 'Database is up to date.');
}

async function waitForApi(base) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  fail('The API did not become ready within a minute; see the log above.');
}

async function main() {
  await ensureDatabase();
  await ensureRedis();
  ensureFreshBuild(root, { force: Boolean(process.env.DEMO_REBUILD) });
  await migrate();
  const server = spawn(process.execPath, [join(root, 'dist/src/main.js')], { env, stdio: 'inherit' });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
  const base = `http://localhost:${env.PORT}`;
  await waitForApi(base);
  const { seedDemoShop } = require('./demo-seed');
  await seedDemoShop(base, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  console.log(`
Emporium is running (API + worker).
  Swagger UI:   ${base}/docs
  OpenAPI:      ${base}/docs/openapi.json
  API base:     ${base}/api/v1
  Demo admin:   ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD}
Press Ctrl+C to stop.`);
}

main().catch((err) => fail(`Demo failed: ${err.message}`));
