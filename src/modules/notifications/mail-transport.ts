import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { MailTransportKind } from './notification-message.entity';
import { NotificationsConfig } from './notifications.config';

export interface OutgoingMail {
  messageId: string;
  template: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

type Transporter = ReturnType<typeof createTransport>;

/** Per process: a checkout burst queues a mail per order, and a handshake per message costs more than the message. */
const MAX_SMTP_CONNECTIONS = 5;

/**
 * Delivers over SMTP (nodemailer, a pool of connections reused across messages). Without `SMTP_URL` (the demo) a
 * message is written to the log instead: recipient, subject and template, never the body, which
 * may hold a one-time token. Such a message counts as sent, with transport `log`.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly smtp?: Transporter;

  constructor(config: NotificationsConfig) {
    if (config.SMTP_URL) {
      this.smtp = createTransport(
        {
          url: config.SMTP_URL,
          pool: true,
          maxConnections: MAX_SMTP_CONNECTIONS,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        },
        { from: config.MAIL_FROM },
      );
    }
  }

  get kind(): MailTransportKind {
    return this.smtp ? 'smtp' : 'log';
  }

  async send(mail: OutgoingMail): Promise<MailTransportKind> {
    if (!this.smtp) {
      this.logger.log(
        { messageId: mail.messageId, template: mail.template, to: mail.to, subject: mail.subject, transport: 'log' },
        'SMTP_URL is not set: e-mail logged instead of sent',
      );
      return 'log';
    }
    await this.smtp.sendMail({
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { 'X-Emporium-Message-Id': mail.messageId, 'X-Emporium-Template': mail.template },
    });
    return 'smtp';
  }

  onApplicationShutdown(): void {
    this.smtp?.close();
  }
}
