import { readEnv } from '../config/env';
import { PlatformConfig } from '../config/platform.config';
import type { RedisConnections } from '../redis/redis.module';
import { COMPLETED_EVENT_JOB_SECONDS } from './job-retention';
import { Queues } from './queues';

const queuesWith = (env: Record<string, string>) =>
  new Queues(readEnv(PlatformConfig, env), {} as RedisConnections);

describe('Queues job options', () => {
  it('drops a completed event job after minutes and a failed one after EVENT_RETENTION_HOURS', () => {
    const options = queuesWith({ EVENT_RETENTION_HOURS: '6' }).defaultJobOptions;
    expect(options.removeOnComplete).toEqual({ age: COMPLETED_EVENT_JOB_SECONDS, count: 50_000 });
    expect(options.removeOnFail).toEqual({ age: 6 * 3600 });
  });

  it('keeps a completed module job as long as a failed one, so its id keeps it unique that long', () => {
    const options = queuesWith({ EVENT_RETENTION_HOURS: '6', JOB_ATTEMPTS: '3' }).moduleJobOptions;
    expect(options.removeOnComplete).toEqual({ age: 6 * 3600, count: 50_000 });
    expect(options.removeOnFail).toEqual({ age: 6 * 3600 });
    expect(options.attempts).toBe(3);
  });
});
