import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform.config';
import { OnJob } from './event-handler.decorators';

const HOURLY = 3600 * 1000;

/**
 * Keeps the spine's tables small and its personal data short-lived. A relayed row is never read
 * again; an inbox row only matters while its event can still be redelivered, which happens right
 * after relaying (a relay that crashed before marking its batch), not a day later.
 */
@Injectable()
export class PurgeRelayedEventsProcessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: PlatformConfig,
  ) {}

  @OnJob('purge-relayed-events', { everyMs: HOURLY })
  async purge(): Promise<void> {
    const hours = this.config.EVENT_RETENTION_HOURS;
    await this.dataSource.query(
      `DELETE FROM platform.outbox WHERE dispatched_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    await this.dataSource.query(`DELETE FROM platform.inbox WHERE processed_at < now() - make_interval(hours => $1)`, [hours]);
  }
}
