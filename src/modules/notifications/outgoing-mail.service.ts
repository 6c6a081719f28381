import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PreparedStatement } from '../../common/database/prepared-statement';
import { newId } from '../../common/database/uuid';
import { JobsService } from '../../common/jobs/jobs.service';
import { MailRenderer } from './mail-renderer';
import { MESSAGE_LOCK } from './message-lock';
import { MESSAGE_CATALOG, TemplateName } from './message-catalog';
import { SEND_EMAIL, SendEmailJob, sendJobId } from './send-email.job';

/** Locks the new message (message-lock.ts) and records it, in one statement. */
const RECORD_MESSAGE = new PreparedStatement(
  'notifications.record-message',
  `WITH locked AS MATERIALIZED (SELECT ${MESSAGE_LOCK})
   INSERT INTO notifications.messages (id, event_id, template, recipient, user_id, subject, context, status)
   SELECT $1::uuid, $2::uuid, $3, $4, $5::uuid, $6, $7::jsonb, 'queued' FROM locked
   ON CONFLICT (event_id, template) DO NOTHING`,
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
 * Records a message (status `queued`) in the subscriber's transaction and puts its send job on the
 * module's queue. The job is enqueued before the transaction commits, so a failure to enqueue rolls
 * the event handling back and the event is delivered again (nothing is lost); message-lock.ts makes
 * the job wait for that commit.
 */
@Injectable()
export class OutgoingMailService {
  constructor(
    private readonly jobs: JobsService,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
  ) {}

  async queue(tx: EntityManager, draft: MailDraft): Promise<void> {
    const { stored, secrets } = splitSecrets(draft.template, draft.context);
    // Rendering once now proves the context complete: a bad one fails the event, not a later send.
    this.renderer.body(draft.template, draft.context);
    const subject = this.renderer.subject(draft.template, stored);
    const id = newId();
    const { rowCount: inserted } = await RECORD_MESSAGE.run(tx, [
      id,
      draft.eventId,
      draft.template,
      draft.to,
      draft.userId,
      subject,
      JSON.stringify(stored),
    ]);
    if (inserted === 0) return;
    const job: SendEmailJob = Object.keys(secrets).length ? { messageId: id, secrets } : { messageId: id };
    await this.jobs.enqueue('notifications', SEND_EMAIL, job, { jobId: sendJobId(id) });
  }
}
