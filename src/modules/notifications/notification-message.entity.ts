import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';

export type MessageStatus = 'queued' | 'sent' | 'failed';
export const MESSAGE_STATUSES: MessageStatus[] = ['queued', 'sent', 'failed'];

/** Where a sent message went: an SMTP server, or the log when no SMTP_URL is configured. */
export type MailTransportKind = 'smtp' | 'log';

/**
 * The message log: one row per (event, template), which is what keeps a redelivered event from
 * mailing twice. It never holds a body or a one-time token, only the template and the non-secret
 * context it is rendered from.
 */
@Entity({ schema: 'notifications', name: 'messages' })
@Unique('messages_event_template_key', ['eventId', 'template'])
@Index('messages_status_idx', ['status', 'id'])
@Index('messages_user_idx', ['userId'])
// The admin filter by address is case-insensitive; expression index declared in the migration.
@Index('messages_recipient_idx', { synchronize: false })
@Check('messages_status_check', `status IN ('queued', 'sent', 'failed')`)
export class NotificationMessage {
  @PrimaryColumn('uuid') id: string;
  /** The event that asked for the message. */
  @Column('uuid') eventId: string;
  @Column('text') template: string;
  /** Null once the recipient has been erased. */
  @Column('text', { nullable: true }) recipient: string | null;
  /** The account the message is about, so profile changes and erasure can find it. */
  @Column('uuid', { nullable: true }) userId: string | null;
  @Column('text') subject: string;
  @Column('jsonb') context: Record<string, unknown>;
  @Column('text') status: MessageStatus;
  @Column('integer', { default: 0 }) attempts: number;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('text', { nullable: true }) transport: MailTransportKind | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) erasedAt: Date | null;
}
