import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { OnJob } from '../../common/events/event-handler.decorators';
import type { JobData } from '../../common/jobs/job-data';
import { MailDelivery } from './mail-delivery';
import { MESSAGE_CATALOG } from './message-catalog';
import { MessageLogService } from './message-log.service';
import { SEND_EMAIL, SendEmailJob } from './send-email.job';

const TOKEN_GONE = 'The one-time token of this message is no longer available; the user must ask for a new one';

/**
 * Sends a message that its subscriber could not send at once (OutgoingMailService), or that an admin
 * retries. The body is rendered from the stored context plus the job's secrets, and never stored:
 * that is how the raw reset/verification token reaches the e-mail without ever being written to the
 * message log or a log line. Failures are recorded and rethrown, so BullMQ retries with exponential
 * backoff (JOB_ATTEMPTS, JOB_BACKOFF_MS); after the last attempt the message is `failed` and an
 * admin can retry it.
 */
@Injectable()
export class SendEmailProcessor {
  constructor(
    private readonly log: MessageLogService,
    private readonly delivery: MailDelivery,
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
    // attemptsMade counts the attempts before this one.
    const exhausted = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.delivery.attempt({ ...message, recipient: message.recipient }, data.secrets, exhausted);
    if (data.secrets) await job.updateData({ ...job.data, data: { messageId: data.messageId } });
  }
}
