import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { newId } from '../../common/database/uuid';
import { PlatformConfig } from '../../common/config/platform.config';
import { JobsService } from '../../common/jobs/jobs.service';
import { MailDelivery } from './mail-delivery';
import { MailRenderer } from './mail-renderer';
import { MESSAGE_CATALOG, TemplateName } from './message-catalog';
import { SEND_EMAIL, SendEmailJob, sendJobId } from './send-email.job';

/**
 * Records the message an event asks for, and answers its id while it still waits to be sent: the new
 * message (`fresh`), or the one an earlier delivery of the same event recorded and did not send.
 */
const RECORD_MESSAGE = new PreparedStatement<{ id: string; fresh: boolean }>(
  'notifications.record-message',
  `WITH inserted AS (
     INSERT INTO notifications.messages (id, event_id, template, recipient, user_id, subject, context, status)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6, $7::jsonb, 'queued')
     ON CONFLICT (event_id, template) DO NOTHING
     RETURNING id
   )
   SELECT id, true AS fresh FROM inserted
   UNION ALL
   SELECT id, false FROM notifications.messages
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
 * Records a message (status `queued`), committed by that one statement, and sends it at once, in
 * the subscriber's job. Only a message that could not be sent gets a send job, which retries it
 * with backoff (JOB_ATTEMPTS more attempts); so a placed order's mail is one job, not two.
 * Handling the same event again (a redelivery, or the retry of a job that died between recording
 * and sending) records nothing more and hands a message still waiting to its send job: BullMQ keeps
 * one job per id, and a send job for a message already sent does nothing. So the mail subscribers
 * need no inbox row and no transaction (`repeatable`): the message log's (event, template) key is
 * their inbox.
 */
@Injectable()
export class OutgoingMailService {
  constructor(
    private readonly jobs: JobsService,
    private readonly delivery: MailDelivery,
    private readonly config: PlatformConfig,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
  ) {}

  async queue(db: EntityManager, draft: MailDraft): Promise<void> {
    const { stored, secrets } = splitSecrets(draft.template, draft.context);
    // Rendered before it is recorded: a context that does not render fails the event, not a send.
    const body = this.renderer.body(draft.template, draft.context);
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
    const oneTime = Object.keys(secrets).length ? secrets : undefined;
    const job: SendEmailJob = oneTime ? { messageId: waiting.id, secrets: oneTime } : { messageId: waiting.id };
    if (!waiting.fresh) return this.jobs.enqueue('notifications', SEND_EMAIL, job, { jobId: sendJobId(waiting.id) });
    const message = { id: waiting.id, template: draft.template, recipient: draft.to, subject, context: stored };
    try {
      await this.delivery.attempt(message, oneTime, false, body);
    } catch {
      // Recorded as the message's first failed attempt; its send job makes the next ones.
      await this.jobs.enqueue('notifications', SEND_EMAIL, job, { jobId: sendJobId(waiting.id), delayMs: this.config.JOB_BACKOFF_MS });
    }
  }
}
