import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { JobData } from '../jobs/job-data';
import type { EventEnvelope } from './domain-event';

/** Where a job row goes, and how; an event row has none (the relay finds its subscribers' queues). */
export interface OutboxJob {
  queue: string;
  jobId?: string;
  delayMs?: number;
}

/**
 * Events, and jobs enqueued inside a transaction, written in their publisher's transaction and
 * waiting for the relay to move them to BullMQ.
 */
@Entity({ schema: 'platform', name: 'outbox' })
// In the relay's order, so that a pass reads only the head of a backlog instead of sorting all of it.
@Index('outbox_pending_idx', ['occurredAt', 'id'], { where: 'dispatched_at IS NULL' })
export class OutboxEntry {
  @PrimaryColumn('uuid') id: string;
  /** The event's name, or the job's. */
  @Column('text') name: string;
  /** The event's envelope, or the job's data. */
  @Column('jsonb') envelope: EventEnvelope | JobData;
  @Column('jsonb', { nullable: true }) job: OutboxJob | null;
  @Column('timestamptz') occurredAt: Date;
  @Column('timestamptz', { nullable: true }) dispatchedAt: Date | null;
}
