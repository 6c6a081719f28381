import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { PlatformConfig } from '../config/platform.config';
import { RedisConnections } from '../redis/redis.module';

/** One BullMQ queue per consuming module: the module's inbox. */
@Injectable()
export class Queues implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();
  private connection?: ReturnType<RedisConnections['create']>;

  constructor(
    private readonly config: PlatformConfig,
    private readonly redis: RedisConnections,
  ) {}

  get defaultJobOptions(): JobsOptions {
    return {
      attempts: this.config.JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      // Completed jobs stay a day so a re-relayed event id is still recognised as a duplicate.
      removeOnComplete: { age: 24 * 3600, count: 50_000 },
      removeOnFail: false,
    };
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
