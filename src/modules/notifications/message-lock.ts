import type { EntityManager } from 'typeorm';

/**
 * A transaction-scoped advisory lock per message. The subscriber takes it before it inserts the
 * message and enqueues the send job; the send job takes it before reading the message. So the job
 * waits for the subscriber's transaction to end, and then either sees the committed message or
 * knows for sure that it was rolled back: no race, no retries spent on "not committed yet".
 */
export async function lockMessage(tx: EntityManager, messageId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('notifications.message:' || $1, 0))`, [messageId]);
}
