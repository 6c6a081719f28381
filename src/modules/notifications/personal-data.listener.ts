import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OnEventAsync } from '../../common/events/event-handler.decorators';
import { UserErased, UserProfileChanged } from '../users/users.events';
import { TEMPLATES_FOLLOWING_PROFILE } from './message-catalog';

/** Keeps our copies of people's addresses current, and forgets them when a user is erased. */
@Injectable()
export class PersonalDataListener {
  /** Order contacts and unsent mail follow the new address (a verification link does not). */
  @OnEventAsync(UserProfileChanged)
  async onUserProfileChanged(event: UserProfileChanged, tx: EntityManager): Promise<void> {
    const { userId, email } = event.payload;
    await tx.query(
      `UPDATE notifications.order_contacts SET email = $2, email_as_of = $3
       WHERE customer_id = $1 AND email_as_of < $3`,
      [userId, email, event.occurredAt],
    );
    await tx.query(
      `UPDATE notifications.messages SET recipient = $2, updated_at = now()
       WHERE user_id = $1 AND status <> 'sent' AND recipient IS NOT NULL AND template = ANY($3)`,
      [userId, email, TEMPLATES_FOLLOWING_PROFILE],
    );
  }

  /**
   * Erasure: the order contacts go; the message log keeps its rows (template, subject, status) for
   * the record but loses the address and the context. Unsent messages will never be sent.
   */
  @OnEventAsync(UserErased)
  async onUserErased(event: UserErased, tx: EntityManager): Promise<void> {
    const { userId } = event.payload;
    await tx.query(`DELETE FROM notifications.order_contacts WHERE customer_id = $1`, [userId]);
    await tx.query(
      `UPDATE notifications.messages
       SET recipient = NULL, context = '{}', erased_at = now(), updated_at = now(),
           last_error = CASE WHEN status = 'sent' THEN last_error ELSE 'The recipient was erased before delivery' END,
           status = CASE WHEN status = 'sent' THEN 'sent' ELSE 'failed' END
       WHERE user_id = $1 AND erased_at IS NULL`,
      [userId],
    );
  }
}
