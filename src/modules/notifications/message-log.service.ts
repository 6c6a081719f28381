import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import type { MailTransportKind, MessageStatus } from './notification-message.entity';
import type { TemplateName } from './message-catalog';

/** What the send job reads of a message. */
export interface StoredMessage {
  id: string;
  template: TemplateName;
  recipient: string | null;
  subject: string;
  context: Record<string, unknown>;
  status: MessageStatus;
}

const MAX_ERROR_LENGTH = 1000;

const FIND_MESSAGE = new PreparedStatement<StoredMessage>(
  'notifications.find-message',
  `SELECT id, template, recipient, subject, context, status FROM notifications.messages WHERE id = $1`,
);

const RECORD_SENT = new PreparedStatement(
  'notifications.record-sent',
  `UPDATE notifications.messages
   SET status = 'sent', attempts = attempts + 1, transport = $2, sent_at = now(), updated_at = now()
   WHERE id = $1 AND status <> 'sent'`,
);

/** The send job's reads and writes of the message log, each a short transaction of its own. */
@Injectable()
export class MessageLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Always there for its send job: the message commits before its job is enqueued. */
  async find(messageId: string): Promise<StoredMessage | undefined> {
    const {
      rows: [message],
    } = await FIND_MESSAGE.run(this.dataSource.manager, [messageId]);
    return message;
  }

  async recordSent(messageId: string, transport: MailTransportKind): Promise<void> {
    await RECORD_SENT.run(this.dataSource.manager, [messageId, transport]);
  }

  /**
   * One more failed attempt: the message stays `queued` while the queue will try again, and becomes
   * `failed` when it will not. An erased recipient's message stays as erasure left it.
   */
  async recordFailure(messageId: string, error: string, exhausted: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications.messages
       SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE 'queued' END, updated_at = now()
       WHERE id = $1 AND status <> 'sent' AND erased_at IS NULL`,
      [messageId, error.slice(0, MAX_ERROR_LENGTH), exhausted],
    );
  }
}
