import { createMigratedDatabase } from './test-database';

/** A fresh database and Redis prefix per run, so runs never see each other's data. */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const name = `emporium_test_${runId}`;
  process.env.EMPORIUM_TEST_DATABASE = name;
  process.env.DATABASE_URL = await createMigratedDatabase(name);
  process.env.REDIS_PREFIX = `test-${runId}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'fatal';
  process.env.RATE_LIMIT_PER_MINUTE ??= '0';
  process.env.OUTBOX_POLL_MS ??= '200';
  process.env.JOB_BACKOFF_MS ??= '50';
}
