import { Inject, Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { OnJob } from '../../common/events/event-handler.decorators';
import type { JobData } from '../../common/jobs/job-data';
import { MailRenderer } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { MESSAGE_CATALOG } from './message-catalog';
import { MessageLogService } from './message-log.service';
import type { MailTransportKind } from './notification-message.entity';
import { SEND_EMAIL, SendEmailJob } from './send-email.job';

const TOKEN_GONE = 'The one-time token of this message is no longer available; the user must ask for a new one';

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)) || 'unknown error';

/**
 * Sends one message. The body is rendered here, from the stored context plus the job's secrets, and
 * never stored: that is how the raw reset/verification token reaches the e-mail without ever being
 * written to the message log or a log line. Failures are recorded and rethrown, so BullMQ retries
 * with exponential backoff (JOB_ATTEMPTS, JOB_BACKOFF_MS); after the last attempt the message is
 * `failed` and an admin can retry it.
 */
@Injectable()
export class SendEmailProcessor {
  constructor(
    private readonly log: MessageLogService,
    private readonly transport: MailTransport,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
  ) {}

  @OnJob(SEND_EMAIL)
  async send(data: SendEmailJob, job: Job<JobData<SendEmailJob>>): Promise<void> {
    const message = await this.log.find(data.messageId);
    // Purged, already sent (a job run twice), or the recipient was erased: nothing to do.
    if (!message || message.status === 'sent' || message.recipient === null) return;
    if (MESSAGE_CATALOG[message.template].secrets.some((name) => !data.secrets?.[name])) {
      // Only the original job ever held the token; trying again cannot bring it back.
      await this.log.recordFailure(message.id, TOKEN_GONE, true);
      throw new UnrecoverableError(TOKEN_GONE);
    }
    let transport: MailTransportKind;
    try {
      const body = this.renderer.body(message.template, { ...message.context, ...data.secrets });
      transport = await this.transport.send({
        messageId: message.id,
        template: message.template,
        to: message.recipient,
        subject: message.subject,
        ...body,
      });
    } catch (err) {
      // attemptsMade counts the attempts before this one.
      const exhausted = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.log.recordFailure(message.id, errorText(err), exhausted);
      throw err;
    }
    await this.log.recordSent(message.id, transport);
    if (data.secrets) await job.updateData({ ...job.data, data: { messageId: data.messageId } });
  }
}
