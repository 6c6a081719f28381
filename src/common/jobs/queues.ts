import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { PlatformConfig } from '../config/platform.config';
import { RedisConnections } from '../redis/redis.module';
import { jobRetention } from './job-retention';

const MAX_COMPLETED_PER_QUEUE = 50_000;

/** One BullMQ queue per consuming module: the module's inbox. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private connection?: ReturnType<RedisConnections['create']>;

  constructor(
    private readonly config: PlatformConfig,
    private readonly redis: RedisConnections,
  ) {}

  /**
   * The queues' defaults, which the relay gives every event job. An event job's data is the whole
   * envelope (personal data, raw link tokens), so no finished one outlives its retention; see
   * job-retention.ts.
   */
  get defaultJobOptions(): JobsOptions {
    const retention = jobRetention(this.config);
    return {
      attempts: this.config.JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      removeOnComplete: { age: retention.completedEventSeconds, count: MAX_COMPLETED_PER_QUEUE },
      removeOnFail: { age: retention.finishedSeconds },
    };
  }

  /** A module's own jobs (JobsService) carry ids, not envelopes: a completed one stays as long as a failed one. */
  get moduleJobOptions(): JobsOptions {
    const { finishedSeconds } = jobRetention(this.config);
    return { ...this.defaultJobOptions, removeOnComplete: { age: finishedSeconds, count: MAX_COMPLETED_PER_QUEUE } };
  }

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      this.connection ??= this.redis.create({ maxRetriesPerRequest: null });
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.config.REDIS_PREFIX,
        defaultJobOptions: this.defaultJobOptions,
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return [...this.queues.values()];
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.all().map((q) => q.close()));
  }
}
