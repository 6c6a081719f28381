import type { PoolClient, QueryResultRow } from 'pg';
import { type EntityManager, QueryFailedError } from 'typeorm';

const names = new Set<string>();

/**
 * An array parameter whose length the planner cannot see, in custom and generic plans alike, for
 * `= ANY(...)` and `unnest(...)` in a `PreparedStatement`. A generic plan assumes 10 elements where a
 * custom plan counts the real ones (the 2 or 3 SKUs of an order), so on tables with statistics the
 * generic plan always looks costlier and PostgreSQL plans the statement again on every call (0.1-0.2 ms
 * of its CPU each time). When both assume 10, it keeps the generic plan after five calls.
 */
export const lengthHidden = (param: string, type: string): string => `(SELECT ${param}::${type})::${type}`;

export interface StatementResult<Row> {
  rows: Row[];
  rowCount: number;
}

/**
 * A hot statement that PostgreSQL parses and plans once per pooled connection instead of on every
 * call: under checkout load, planning was about 40% of the database's time per statement. TypeORM
 * only sends unnamed statements, so this goes to the connection's pg client itself.
 *
 * Each connection keeps every statement it ran until it closes, so statements are module-level
 * constants with fixed text, defined once: a small, bounded set, never built from input.
 */
export class PreparedStatement<Row extends QueryResultRow = QueryResultRow> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    if (names.has(name)) throw new Error(`prepared statement ${name} is defined twice`);
    names.add(name);
  }

  /** Runs in `db`'s transaction, or outside one on a pooled connection of its own (autocommit). */
  async run(db: EntityManager, values: unknown[]): Promise<StatementResult<Row>> {
    const own = db.queryRunner ? undefined : db.connection.createQueryRunner('master');
    const runner = db.queryRunner ?? own!;
    try {
      const client = (await runner.connect()) as PoolClient;
      const result = await client
        .query<Row>({ name: this.name, text: this.text, values })
        .catch((err: Error) => Promise.reject(new QueryFailedError(this.text, values, err)));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } finally {
      await own?.release();
    }
  }
}
