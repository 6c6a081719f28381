import type { EntityManager } from 'typeorm';

/**
 * Takes a transaction-scoped advisory lock on `key` (held until commit or rollback; taking it again
 * in the same transaction does not wait). For modules that lock rows of their own about one thing
 * and reach each other's rows through in-transaction events: each takes the thing's lock first, so
 * their transactions queue instead of locking in opposite orders, and neither reads the other's tables.
 */
export async function lockKey(tx: EntityManager, key: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}
