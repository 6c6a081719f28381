import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BulkJobOptions } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform.config';
import { Queues } from '../jobs/queues';
import type { JobData } from '../jobs/job-data';
import type { EventEnvelope } from './domain-event';
import type { OutboxJob } from './outbox.entity';
import { OUTBOX_CHANNEL } from './outbox-writer';
import { type AsyncSubscriber, HandlerRegistry } from './handler-registry';

const BATCH_SIZE = 200;

/** The head of the backlog, in publishing order: `outbox_pending_idx` holds that order, so no pass sorts. */
export const NEXT_PENDING_ROWS = `SELECT id, name, envelope, job FROM platform.outbox WHERE dispatched_at IS NULL
  ORDER BY occurred_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`;

type PendingRow =
  | { id: string; name: string; envelope: EventEnvelope; job: null }
  | { id: string; name: string; envelope: JobData; job: OutboxJob };

type BulkJob = { name: string; data: unknown; opts: BulkJobOptions };

/**
 * Moves committed outbox rows to BullMQ: an event to each of its subscribers' queues, a job to its
 * own. Nudged by NOTIFY right after a commit, and polling as a safety net; `SKIP LOCKED` lets any
 * number of relays run side by side.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private moved = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HandlerRegistry,
    private readonly queues: Queues,
    private readonly config: PlatformConfig,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.nudge(), this.config.OUTBOX_POLL_MS);
    this.nudge();
  }

  /** Asks for a relay pass; passes never overlap within a process. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        this.nudge();
      }
    });
  }

  /** Relays until the outbox is empty. */
  async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === BATCH_SIZE);
    } catch (err) {
      this.logger.warn({ err }, 'outbox relay pass failed; the poller will try again');
    }
  }

  /** Rows this relay has moved since the process started (the metrics read it). */
  get relayedTotal(): number {
    return this.moved;
  }

  /** One batch in one transaction; returns how many rows it moved. */
  async relayBatch(): Promise<number> {
    const moved = await this.dataSource.transaction(async (tx) => {
      const rows: PendingRow[] = await tx.query(NEXT_PENDING_ROWS, [BATCH_SIZE]);
      if (rows.length === 0) return 0;
      await this.enqueue(rows);
      await tx.query(`UPDATE platform.outbox SET dispatched_at = now() WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
    this.moved += moved;
    return moved;
  }

  private async enqueue(rows: PendingRow[]): Promise<void> {
    const byQueue = new Map<string, BulkJob[]>();
    const put = (queue: string, job: BulkJob) => {
      const jobs = byQueue.get(queue);
      if (jobs) jobs.push(job);
      else byQueue.set(queue, [job]);
    };
    const { defaultJobOptions, moduleJobOptions } = this.queues;
    const batches = new Map<AsyncSubscriber, EventEnvelope[]>();
    for (const row of rows) {
      if (row.job) {
        const { queue, jobId, delayMs } = row.job;
        put(queue, { name: row.name, data: row.envelope, opts: { ...moduleJobOptions, jobId: jobId ?? row.id, delay: delayMs } });
        continue;
      }
      for (const sub of this.registry.asyncSubscribers(row.envelope.name)) {
        if (sub.batched) {
          const batch = batches.get(sub);
          if (batch) batch.push(row.envelope);
          else batches.set(sub, [row.envelope]);
          continue;
        }
        // BullMQ forbids ':' in custom ids, hence '--' where the design says `eventId:subscriber`.
        put(sub.queue, { name: sub.subscriber, data: { event: row.envelope }, opts: { ...defaultJobOptions, jobId: `${row.id}--${sub.subscriber}` } });
      }
    }
    // In outbox order. The job needs no id to be recognised by: its subscriber is repeatable.
    for (const [sub, events] of batches) put(sub.queue, { name: sub.subscriber, data: { events }, opts: defaultJobOptions });
    await Promise.all([...byQueue].map(([queue, jobs]) => this.queues.get(queue).addBulk(jobs)));
  }

  /** Seconds since the oldest event still waiting was written (0 when none wait). */
  async lagSeconds(): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(occurred_at)), 0)::float AS lag
       FROM platform.outbox WHERE dispatched_at IS NULL`,
    )) as { lag: number }[];
    return row.lag;
  }

  /** Stops reacting to NOTIFY; the poller still relays. */
  async stopListening(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox listener lost; polling only');
      this.listener = undefined;
    });
    client.on('notification', () => this.nudge());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err }, 'could not LISTEN for outbox nudges; polling only');
      await client.end().catch(() => undefined);
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Stops polling and listening and waits for the pass in flight; `start()` resumes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.stopListening();
    await this.running;
  }
}
