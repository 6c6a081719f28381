import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxWriter } from '../events/outbox-writer';
import { currentCorrelationId } from '../observability/request-context';
import type { JobData } from './job-data';
import { Queues } from './queues';

export interface EnqueueOptions {
  delayMs?: number;
  /**
   * Makes the job unique: adding the same id twice keeps the first, until EVENT_RETENTION_HOURS
   * after it finished. No ':' allowed. A job enqueued on commit without one gets its outbox row's
   * id, so relaying the row twice still makes one job.
   */
  jobId?: string;
}

/** Puts a job on a module's own queue, to be handled by one of its `@OnJob` methods. */
@Injectable()
export class JobsService {
  constructor(
    private readonly queues: Queues,
    private readonly outbox: OutboxWriter,
  ) {}

  async enqueue<T>(queue: string, name: string, data: T, options: EnqueueOptions = {}): Promise<void> {
    await this.queues.get(queue).add(name, this.payload(data), { ...this.queues.moduleJobOptions, delay: options.delayMs, jobId: options.jobId });
  }

  /**
   * Puts the job on the queue once `tx` commits, through the outbox like an event: it exists if and
   * only if the transaction commits, and a process dying right after the commit loses nothing.
   */
  enqueueOnCommit<T>(tx: EntityManager, queue: string, name: string, data: T, options: EnqueueOptions = {}): void {
    if (!tx.queryRunner?.isTransactionActive) throw new Error(`job ${queue}/${name} must be enqueued inside a transaction`);
    this.outbox.addJob(tx.queryRunner, name, this.payload(data), { queue, jobId: options.jobId, delayMs: options.delayMs });
  }

  private payload<T>(data: T): JobData<T> {
    return { data, correlationId: currentCorrelationId() };
  }
}
