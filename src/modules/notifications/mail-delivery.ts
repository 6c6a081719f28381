import { Inject, Injectable } from '@nestjs/common';
import { MailRenderer, type RenderedBody } from './mail-renderer';
import { MailTransport } from './mail-transport';
import { MessageLogService, type StoredMessage } from './message-log.service';

/** A message of the log that has somewhere to go. */
export type SendableMessage = Omit<StoredMessage, 'status' | 'recipient'> & { recipient: string };

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)) || 'unknown error';

/** One attempt at sending a message, with its outcome written to the message log. */
@Injectable()
export class MailDelivery {
  constructor(
    private readonly log: MessageLogService,
    private readonly transport: MailTransport,
    @Inject(MailRenderer) private readonly renderer: MailRenderer,
  ) {}

  /**
   * Sends the message, its body rendered from the stored context plus the one-time `secrets` (or
   * given, when the caller rendered it already). A failure is recorded, as the last one when
   * `exhausted`, and rethrown.
   */
  async attempt(message: SendableMessage, secrets: Record<string, string> | undefined, exhausted: boolean, rendered?: RenderedBody): Promise<void> {
    let transport;
    try {
      const body = rendered ?? this.renderer.body(message.template, { ...message.context, ...secrets });
      transport = await this.transport.send({
        messageId: message.id,
        template: message.template,
        to: message.recipient,
        subject: message.subject,
        ...body,
      });
    } catch (err) {
      await this.log.recordFailure(message.id, errorText(err), exhausted);
      throw err;
    }
    await this.log.recordSent(message.id, transport);
  }
}
