import { readEnv } from '../config/env';
import { PlatformConfig } from '../config/platform.config';
import { COMPLETED_EVENT_JOB_SECONDS, jobRetention } from './job-retention';

describe('jobRetention', () => {
  it('keeps failed jobs and completed module jobs exactly as long as the outbox keeps envelopes', () => {
    expect(jobRetention({ EVENT_RETENTION_HOURS: 24 }).finishedSeconds).toBe(24 * 3600);
    expect(jobRetention({ EVENT_RETENTION_HOURS: 1 }).finishedSeconds).toBe(3600);
  });

  it('keeps a completed event job minutes, shorter than the shortest retention allowed', () => {
    const shortest = 1;
    expect(() => readEnv(PlatformConfig, { EVENT_RETENTION_HOURS: String(shortest - 1) })).toThrow('EVENT_RETENTION_HOURS');
    expect(jobRetention({ EVENT_RETENTION_HOURS: shortest }).completedEventSeconds).toBe(COMPLETED_EVENT_JOB_SECONDS);
    expect(COMPLETED_EVENT_JOB_SECONDS).toBeLessThan(shortest * 3600);
  });
});
