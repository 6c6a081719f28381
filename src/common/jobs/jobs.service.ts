import { Injectable } from '@nestjs/common';
import { currentCorrelationId } from '../observability/request-context';
import { Queues } from './queues';

export interface EnqueueOptions {
  delayMs?: number;
  /**
   * Makes the job unique: adding the same id twice keeps the first, until EVENT_RETENTION_HOURS
   * after it finished. No ':' allowed.
   */
  jobId?: string;
}

export interface JobData<T = unknown> {
  data: T;
  correlationId?: string;
}

/** Puts a job on a module's own queue, to be handled by one of its `@OnJob` methods. */
@Injectable()
export class JobsService {
  constructor(private readonly queues: Queues) {}

  async enqueue<T>(queue: string, name: string, data: T, options: EnqueueOptions = {}): Promise<void> {
    const payload: JobData<T> = { data, correlationId: currentCorrelationId() };
    await this.queues.get(queue).add(name, payload, { ...this.queues.moduleJobOptions, delay: options.delayMs, jobId: options.jobId });
  }
}
