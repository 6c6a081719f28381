/** The job that sends one message of the log (queue `notifications`). */
export const SEND_EMAIL = 'send-email';

export interface SendEmailJob {
  messageId: string;
  /**
   * One-time secrets of the message (raw verification/reset tokens). They exist only here, in the
   * job's data in Redis, never in the message log or in any log line, and are dropped from the job
   * once the message is sent.
   */
  secrets?: Record<string, string>;
}

/** One send job per message: enqueueing it twice keeps the first (BullMQ ids allow no ':'). */
export const sendJobId = (messageId: string): string => `${SEND_EMAIL}-${messageId}`;
