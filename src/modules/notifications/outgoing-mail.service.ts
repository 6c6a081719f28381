import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { newId } from '../../common/database/uuid';
import { JobsService } from '../../common/jobs/jobs.service';
import { MailRenderer } from './mail-renderer';
import { MESSAGE_CATALOG, TemplateName } from './message-catalog';
import { SEND_EMAIL, SendEmailJob, sendJobId } from './send-email.job';

/**
 * Records the message an event asks for, and answers its id while it still waits to be sent: the new
 * message, or the one an earlier delivery of the same event recorded and did not send yet.
 */
const RECORD_MESSAGE = new PreparedStatement<{ id: string }>(
  'notifications.record-message',
  `WITH inserted AS (
     INSERT INTO notifications.messages (id, event_id, template, recipient, user_id, subject, context, status)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6, $7::jsonb, 'queued')
     ON CONFLICT (event_id, template) DO NOTHING
     RETURNING id
   )
   SELECT id FROM inserted
   UNION ALL
   SELECT id FROM notifications.messages
   WHERE event_id = $2::uuid AND template = $3 AND status = 'queued' AND NOT EXISTS (SELECT 1 FROM inserted)`,
);

/** A message an event asks for. */
export interface MailDraft {
  /** The event that asks for it: (eventId, template) is unique, so a redelivery mails nothing more. */
  eventId: string;
  template: TemplateName;
  to: string;
  /** The account it concerns (for profile changes and erasure), if any. */
  userId: string | null;
  /** What the template needs. Fields the catalog marks as secrets never reach the table. */
  context: Record<string, unknown>;
}

/** Splits a context into what may be stored and the one-time secrets that may not. */
export function splitSecrets(template: TemplateName, context: Record<string, unknown>) {
  const secretNames = MESSAGE_CATALOG[template].secrets;
  const stored: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (secretNames.includes(key)) secrets[key] = String(value);
    else stored[key] = value;
  }
  return { stored, secrets };
}

/**
 * Records a message (status `queued`), committed by that one statement, then puts its send job on the
 * module's queue, so the job always finds its message. Handling the same event again (a redelivery,
 * or the retry after enqueueing failed) records nothing more and enqueues the job again while the
 * message waits: BullMQ keeps one job per id, and a send job for a message already sent does nothing.
 * So the mail subscribers need no inbox row and no transaction (`repeatable`): the message log's
 * (event, template) key is their inbox, and a checkout's mail costs one statement instead of four.
 */
@Injectable()
export class OutgoingMailService {
  constructor(
    private readonly jobs: JobsService,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
  ) {}

  async queue(db: EntityManager, draft: MailDraft): Promise<void> {
    const { stored, secrets } = splitSecrets(draft.template, draft.context);
    // Rendering once now proves the context complete: a bad one fails the event, not a later send.
    this.renderer.body(draft.template, draft.context);
    const subject = this.renderer.subject(draft.template, stored);
    const {
      rows: [waiting],
    } = await RECORD_MESSAGE.run(db, [
      newId(),
      draft.eventId,
      draft.template,
      draft.to,
      draft.userId,
      subject,
      JSON.stringify(stored),
    ]);
    if (!waiting) return;
    const job: SendEmailJob = Object.keys(secrets).length ? { messageId: waiting.id, secrets } : { messageId: waiting.id };
    await this.jobs.enqueue('notifications', SEND_EMAIL, job, { jobId: sendJobId(waiting.id) });
  }
}
