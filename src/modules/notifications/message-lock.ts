import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';

/**
 * A transaction-scoped advisory lock per message, on `$1`, the message id. The subscriber takes it
 * before it inserts the message and enqueues the send job; a send job that cannot see the message
 * yet takes it before reading again. So the job waits for the subscriber's transaction to end, and
 * then either sees the committed message or knows for sure that it was rolled back: no race, no
 * retries spent on "not committed yet".
 */
export const MESSAGE_LOCK = `pg_advisory_xact_lock(hashtextextended('notifications.message:' || $1::text, 0))`;

const LOCK_MESSAGE = new PreparedStatement('notifications.lock-message', `SELECT ${MESSAGE_LOCK}`);

export async function lockMessage(tx: EntityManager, messageId: string): Promise<void> {
  await LOCK_MESSAGE.run(tx, [messageId]);
}
