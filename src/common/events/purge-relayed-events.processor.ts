import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform.config';
import { firstIdAt } from '../database/uuid';
import { JobRetention, jobRetention, removeExpiredJobs } from '../jobs/job-retention';
import { Queues } from '../jobs/queues';
import { OnJob } from './event-handler.decorators';
import { HandlerRegistry } from './handler-registry';

const HOURLY = 3600 * 1000;
/** Rows per DELETE: a day of a busy shop's events is millions, too many for one transaction. */
const BATCH = 10_000;

// Outbox and event ids are UUID v7, made as the row or event is, so a row relayed (or an event
// processed) before the cutoff has an id below the cutoff's. The primary-key range reads only the
// rows that go; a filter on the unindexed dispatched_at / processed_at read the whole table hourly.
// The times themselves are still PostgreSQL's: an app clock that runs behind only keeps rows longer.
export const PURGE_OUTBOX = `DELETE FROM platform.outbox WHERE id IN (
  SELECT id FROM platform.outbox WHERE id < $1::uuid AND dispatched_at < now() - make_interval(hours => $2)
  ORDER BY id LIMIT $3)`;
const PURGE_INBOX = `DELETE FROM platform.inbox WHERE (event_id, subscriber) IN (
  SELECT event_id, subscriber FROM platform.inbox WHERE event_id < $1::uuid AND processed_at < now() - make_interval(hours => $2)
  ORDER BY event_id LIMIT $3)`;

/**
 * Keeps the spine's tables and queues small and its personal data short-lived. A relayed row is
 * never read again; an inbox row only matters while its event can still be redelivered, which
 * happens right after relaying (a relay that crashed before marking its batch), not a day later.
 * Redis holds the same envelopes in its jobs, so finished jobs go by the same retention.
 */
@Injectable()
export class PurgeRelayedEventsProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: PlatformConfig,
    private readonly registry: HandlerRegistry,
    private readonly queues: Queues,
  ) {}

  @OnJob('purge-relayed-events', { everyMs: HOURLY })
  async purge(): Promise<void> {
    const hours = this.config.EVENT_RETENTION_HOURS;
    const before = firstIdAt(new Date(Date.now() - hours * HOURLY));
    await this.deleteInBatches(PURGE_OUTBOX, [before, hours]);
    await this.deleteInBatches(PURGE_INBOX, [before, hours]);
    await this.removeFinishedJobs(jobRetention(this.config));
  }

  private async deleteInBatches(statement: string, params: unknown[]): Promise<void> {
    for (;;) {
      const [, deleted] = (await this.dataSource.query(statement, [...params, BATCH])) as [unknown, number];
      if (deleted < BATCH) return;
    }
  }

  /** Finished jobs older than the retention, in every queue that has a consumer. */
  async removeFinishedJobs(retention: JobRetention): Promise<void> {
    for (const name of this.registry.queues()) await removeExpiredJobs(this.queues.get(name), retention);
  }
}
