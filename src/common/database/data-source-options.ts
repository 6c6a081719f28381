import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

const root = join(__dirname, '..', '..', '..');

/** One definition for the app and the migration CLI, so they can never disagree. */
export function dataSourceOptions(url: string, poolSize = 20, readUrls: string[] = []): DataSourceOptions {
  // With read replicas, TypeORM sends plain reads outside transactions to them (catalog reads).
  const connection = readUrls.length
    ? { replication: { master: { url }, slaves: readUrls.map((u) => ({ url: u })) } }
    : { url };
  return {
    type: 'postgres',
    ...connection,
    entities: [join(root, 'src', '**', '*.entity.{ts,js}')],
    migrations: [join(root, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: poolSize, application_name: 'emporium' },
  };
}
