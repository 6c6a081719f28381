import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { EventEnvelope } from './domain-event';

/** Events written in their publisher's transaction, waiting for the relay to move them to BullMQ. */
@Entity({ schema: 'platform', name: 'outbox' })
@Index('outbox_pending_idx', ['occurredAt'], { where: 'dispatched_at IS NULL' })
export class OutboxEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('jsonb') envelope: EventEnvelope;
  @Column('timestamptz') occurredAt: Date;
  @Column('timestamptz', { nullable: true }) dispatchedAt: Date | null;
}
