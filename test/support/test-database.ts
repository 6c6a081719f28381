import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';

const BASE_URL = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

export function testDatabaseUrl(name: string): string {
  if (!name.includes('test')) throw new Error(`Refusing to use database "${name}": its name lacks "test"`);
  return `${BASE_URL}/${name}`;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${BASE_URL}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and applies every migration, exactly as production does. */
export async function createMigratedDatabase(name: string): Promise<string> {
  const url = testDatabaseUrl(name);
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  testDatabaseUrl(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
