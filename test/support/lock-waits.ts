import type { DataSource } from 'typeorm';

/** How many of the test database's sessions are waiting for a lock (row or advisory) right now. */
export async function lockWaits(db: DataSource): Promise<number> {
  const [row] = (await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as { n: number }[];
  return row.n;
}
