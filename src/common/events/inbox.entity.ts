import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per (event, subscriber) already handled: what makes redelivery harmless. */
@Entity({ schema: 'platform', name: 'inbox' })
export class InboxEntry {
  @PrimaryColumn('uuid') eventId: string;
  @PrimaryColumn('text') subscriber: string;
  @CreateDateColumn({ type: 'timestamptz' }) processedAt: Date;
}
