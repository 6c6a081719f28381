import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform.config';
import { PreparedStatement } from '../database/prepared-statement';
import type { EventEnvelope } from '../events/domain-event';
import { rehydrate } from '../events/domain-event';
import { HandlerRegistry } from '../events/handler-registry';
import { runWithCorrelationId } from '../observability/request-context';
import { RedisConnections } from '../redis/redis.module';
import type { JobData } from './job-data';
import { Queues } from './queues';

/** The relay's jobs: one event, or a relay pass's events for a batched subscriber. */
type EventJob = { event: EventEnvelope } | { events: EventEnvelope[] };

/** Claims an event for a subscriber: a second delivery of the same event finds it taken. */
const CLAIM_INBOX = new PreparedStatement(
  'platform.claim-inbox',
  `INSERT INTO platform.inbox (event_id, subscriber) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
);

/** The BullMQ workers of the `worker` role: one per module queue, dispatching by job name. */
@Injectable()
export class JobWorkers implements OnApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    private readonly queues: Queues,
    private readonly redis: RedisConnections,
    private readonly config: PlatformConfig,
  ) {}

  async start(): Promise<void> {
    for (const queue of this.registry.queues()) {
      const worker = new Worker(queue, (job) => this.process(queue, job), {
        connection: this.redis.create({ maxRetriesPerRequest: null }),
        prefix: this.config.REDIS_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
      });
      worker.on('failed', (job, err) =>
        this.logger.warn({ err, queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.warn({ err, queue }, 'worker error'));
      this.workers.push(worker);
    }
    for (const job of this.registry.scheduledJobs()) {
      await this.queues.get(job.queue).upsertJobScheduler(job.name, { every: job.everyMs }, { name: job.name, data: { data: {} } });
    }
  }

  private async process(queue: string, job: Job<EventJob | JobData>): Promise<void> {
    const data = job.data;
    if ('events' in data) return this.handleBatch(queue, job as Job<{ events: EventEnvelope[] }>);
    if ('event' in data) return runWithCorrelationId(data.event.correlationId, () => this.handleEvent(queue, job.name, data.event));
    const handler = this.registry.jobHandler(queue, job.name);
    if (!handler) throw new Error(`no handler for job ${queue}/${job.name}`);
    return runWithCorrelationId(data.correlationId ?? String(job.id), () => handler.handle(data.data, job));
  }

  /** An `@OnEventBatch` subscriber's events, in one call; it serves many requests, so its log lines carry the job's id. */
  private async handleBatch(queue: string, job: Job<{ events: EventEnvelope[] }>): Promise<void> {
    const subscriber = this.registry.asyncSubscriber(queue, job.name);
    if (!subscriber?.batched) throw new Error(`no batch subscriber ${queue}/${job.name}`);
    const events = job.data.events.map((envelope) => rehydrate(subscriber.type, envelope));
    return runWithCorrelationId(String(job.id), () => subscriber.handle(events, this.dataSource.manager));
  }

  /** The inbox row and the handler's effect commit together, so a redelivered event does nothing. */
  private async handleEvent(queue: string, subscriberName: string, envelope: EventEnvelope): Promise<void> {
    const subscriber = this.registry.asyncSubscriber(queue, subscriberName);
    if (!subscriber || subscriber.batched) throw new Error(`no subscriber ${queue}/${subscriberName}`);
    if (subscriber.repeatable) return subscriber.handle(rehydrate(subscriber.type, envelope), this.dataSource.manager);
    await this.dataSource.transaction(async (tx) => {
      const { rowCount: claimed } = await CLAIM_INBOX.run(tx, [envelope.id, subscriberName]);
      if (claimed === 0) return;
      await subscriber.handle(rehydrate(subscriber.type, envelope), tx);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    // close() lets active jobs finish before it resolves.
    await Promise.allSettled(this.workers.map((w) => w.close()));
  }
}
