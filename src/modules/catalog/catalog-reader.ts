import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SqlQuery } from './listing-query';

/**
 * Runs public catalog reads: on a read replica when `DATABASE_READ_URLS` is set (TypeORM's "slave"
 * mode), else on the primary. One statement per call, no transaction.
 */
@Injectable()
export class CatalogReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query<T>(query: SqlQuery, from: 'replica' | 'primary' = 'replica'): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner(from === 'replica' ? 'slave' : 'master');
    try {
      return (await runner.query(query.text, query.values)) as T[];
    } finally {
      await runner.release();
    }
  }
}
