import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/common/database/data-source-options';
import { OUTBOX_CHANNEL } from '../src/common/events/outbox-writer';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureFreshBuild } = require('../scripts/fresh-build') as { ensureFreshBuild: (root: string, options: { force: boolean }) => void };

const root = join(__dirname, '..');

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/emporium_bench';
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-42';
export const BENCH_ADMIN = { email: 'bench-admin@emporium.local', password: 'bench-admin-password' };

/** Creates the bench database if missing, applies the migrations and vacuums it. */
export async function prepareDatabase(): Promise<void> {
  const url = new URL(BENCH_DATABASE_URL);
  const name = url.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const dataSource = new DataSource(dataSourceOptions(BENCH_DATABASE_URL, 2));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  // Earlier runs leave dead rows and stale statistics; a production database has autovacuum for
  // that, but these machines run PostgreSQL with it off (conf.d/90-ci.conf).
  await dataSource.query('VACUUM ANALYZE');
  await dataSource.destroy();
}

/** The bench measures the production build, rebuilt when the sources are newer (as the demo does). */
export function ensureBuilt(): void {
  ensureFreshBuild(root, { force: Boolean(process.env.BENCH_REBUILD) });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

export interface Server {
  url: string;
  /** The server's process, for the CPU meter. */
  pid: number;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** The production build, API role only, as one instance behind a load balancer would run. */
export async function startApi(port: number, role: 'api' | 'all' = 'api', env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const child = spawnApp(role, port, env);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/health/ready`, child);
  return { url, pid: child.pid!, stop: stopper(child) };
}

function spawnApp(role: 'api' | 'all' | 'worker', port: number, env: NodeJS.ProcessEnv): ChildProcess {
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of each app process there when it stops.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  return spawn(process.execPath, [...profile, join(root, 'dist/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      APP_ROLE: role,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_PREFIX: 'bench',
      LOG_LEVEL: 'warn',
      // PostgreSQL shares these two cores: 10 connections beat 20 (fewer backends waiting on the
      // same hot stock rows and for the CPU). Set DATABASE_POOL_SIZE to try another size.
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '10',
      // One load generator is one IP; set RATE_LIMIT_PER_MINUTE to a high figure to measure with the limit on.
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE ?? '0',
      AUTH_RATE_LIMIT_PER_IP_PER_MINUTE: '0',
      AUTH_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '0',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A worker process (outbox relay and queue consumers, no HTTP), ready once its relay LISTENs. */
export async function startWorker(env: NodeJS.ProcessEnv = {}): Promise<Server> {
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  await db.connect();
  const listeners = async () =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = $1`, [`LISTEN ${OUTBOX_CHANNEL}`])).rows[0].n;
  try {
    const before = await listeners();
    const child = spawnApp('worker', 3195, env);
    for (let i = 0; i < 240 && (await listeners()) <= before; i++) {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    return { url: '', pid: child.pid!, stop: stopper(child) };
  } finally {
    await db.end();
  }
}

/** A bare NestJS route on the same adapter: the ceiling every figure is compared with. */
export async function startBare(port: number): Promise<Server> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'bare-app.ts')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/bare`, child);
  return { url, pid: child.pid!, stop: stopper(child) };
}
