import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Queues } from '../../common/jobs/queues';
import { decodeIdCursor, encodeCursor, Page } from '../../common/http/pagination';
import type { JobData } from '../../common/jobs/job-data';
import { JobsService } from '../../common/jobs/jobs.service';
import { NotificationDto } from './dto/notification.dto';
import { NotificationQueryDto } from './dto/notification-query.dto';
import { MESSAGE_CATALOG, TemplateName } from './message-catalog';
import { MessageNotFailedError, MessageNotFoundError, OneTimeTokenGoneError, RecipientErasedError, SendInProgressError } from './notifications.errors';
import { SEND_EMAIL, SendEmailJob, sendJobId } from './send-email.job';

interface MessageRow {
  id: string;
  template: string;
  recipient: string | null;
  subject: string;
  status: NotificationDto['status'];
  attempts: number;
  lastError: string | null;
  transport: NotificationDto['transport'];
  eventId: string;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = `id, template, recipient, subject, status, attempts, last_error AS "lastError", transport,
  event_id AS "eventId", created_at AS "createdAt", sent_at AS "sentAt"`;

const toDto = (row: MessageRow): NotificationDto => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

/** Staff's view of the message log, and the way to send a failed message again. */
@Injectable()
export class AdminNotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: Queues,
    private readonly jobs: JobsService,
  ) {}

  /** Newest first; the cursor is the last id seen (UUID v7 ids are time-ordered). */
  async list(query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const after = decodeIdCursor(query.cursor);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications.messages
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR lower(recipient) = lower($2))
         AND ($3::uuid IS NULL OR id < $3)
       ORDER BY id DESC LIMIT $4`,
      [query.status ?? null, query.recipient ?? null, after ?? null, query.limit + 1],
    )) as MessageRow[];
    const page = rows.slice(0, query.limit);
    const nextCursor = rows.length > query.limit ? encodeCursor({ id: page.at(-1)!.id }) : null;
    return { items: page.map(toDto), nextCursor };
  }

  /**
   * Puts a failed message back on the queue with a fresh set of attempts. The send job that failed
   * is retried when BullMQ still has it: its data holds the message's one-time token, if any.
   * Without it, only a message that carries no token can be sent again.
   */
  async retry(id: string): Promise<NotificationDto> {
    const message = await this.find(id);
    if (message.status !== 'failed') throw new MessageNotFailedError(message.status);
    if (message.recipient === null) throw new RecipientErasedError();
    const job = await this.queues.get('notifications').getJob(sendJobId(id));
    const state = job ? await job.getState() : 'missing';
    if (!['failed', 'completed', 'missing', 'unknown'].includes(state)) throw new SendInProgressError();
    const data: SendEmailJob = (job?.data as JobData<SendEmailJob> | undefined)?.data ?? { messageId: id };
    const needsSecrets = MESSAGE_CATALOG[message.template as TemplateName].secrets;
    if (needsSecrets.some((name) => !data.secrets?.[name])) throw new OneTimeTokenGoneError();

    const [updated] = (await this.dataSource.query(
      `UPDATE notifications.messages SET status = 'queued', updated_at = now()
       WHERE id = $1 AND status = 'failed' RETURNING ${COLUMNS}`,
      [id],
    )) as [MessageRow[], number];
    if (updated.length === 0) throw new MessageNotFailedError((await this.find(id)).status);
    try {
      if (job && state === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } else {
        await job?.remove();
        await this.jobs.enqueue('notifications', SEND_EMAIL, data, { jobId: sendJobId(id) });
      }
    } catch (err) {
      await this.dataSource.query(`UPDATE notifications.messages SET status = 'failed' WHERE id = $1 AND status = 'queued'`, [id]);
      throw err;
    }
    return toDto(updated[0]);
  }

  private async find(id: string): Promise<MessageRow> {
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM notifications.messages WHERE id = $1`, [id])) as MessageRow[];
    if (!row) throw new MessageNotFoundError();
    return row;
  }
}
