import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform.config';
import { JobRetention, jobRetention, removeExpiredJobs } from '../jobs/job-retention';
import { Queues } from '../jobs/queues';
import { OnJob } from './event-handler.decorators';
import { HandlerRegistry } from './handler-registry';

const HOURLY = 3600 * 1000;

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
    await this.dataSource.query(
      `DELETE FROM platform.outbox WHERE dispatched_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    await this.dataSource.query(`DELETE FROM platform.inbox WHERE processed_at < now() - make_interval(hours => $1)`, [hours]);
    await this.removeFinishedJobs(jobRetention(this.config));
  }

  /** Finished jobs older than the retention, in every queue that has a consumer. */
  async removeFinishedJobs(retention: JobRetention): Promise<void> {
    for (const name of this.registry.queues()) await removeExpiredJobs(this.queues.get(name), retention);
  }
}
