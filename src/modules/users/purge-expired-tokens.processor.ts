import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OnJob } from '../../common/events/event-handler.decorators';

const EVERY_SIX_HOURS = 6 * 3600 * 1000;

/**
 * Keeps the token tables small. Refresh tokens are kept a week past expiry so that a spent one
 * presented late is still recognised as reuse; link tokens go a day after expiry or use.
 */
@Injectable()
export class PurgeExpiredTokensProcessor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnJob('purge-expired-tokens', { everyMs: EVERY_SIX_HOURS })
  async purge(): Promise<void> {
    await this.dataSource.query(`DELETE FROM users.refresh_tokens WHERE expires_at < now() - interval '7 days'`);
    await this.dataSource.query(
      `DELETE FROM users.account_tokens WHERE expires_at < now() - interval '1 day' OR used_at < now() - interval '1 day'`,
    );
  }
}
