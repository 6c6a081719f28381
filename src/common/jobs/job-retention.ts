import type { Queue } from 'bullmq';
import type { PlatformConfig } from '../config/platform.config';

/**
 * A completed event job stays five minutes, long enough to watch it finish. It used to stay a day
 * "so a re-relayed event id is still recognised as a duplicate", but platform.inbox already does
 * that: the worker claims (event id, subscriber) in the handler's transaction, the row is kept
 * EVENT_RETENTION_HOURS, and a re-relay can only follow a relay pass that failed to mark its batch,
 * seconds later. Repeatable subscribers skip the inbox because running them twice is harmless.
 */
export const COMPLETED_EVENT_JOB_SECONDS = 5 * 60;

/** How long finished jobs stay in Redis, where an event job's data is the whole envelope. */
export interface JobRetention {
  /** A completed event job (the relay's): see COMPLETED_EVENT_JOB_SECONDS. */
  completedEventSeconds: number;
  /**
   * A failed job (staff retry it through admin/jobs) and a completed module job (its id keeps it
   * unique): as long as platform.outbox keeps the same envelope, EVENT_RETENTION_HOURS, no longer.
   */
  finishedSeconds: number;
}

export const jobRetention = (config: Pick<PlatformConfig, 'EVENT_RETENTION_HOURS'>): JobRetention => ({
  completedEventSeconds: COMPLETED_EVENT_JOB_SECONDS,
  finishedSeconds: config.EVENT_RETENTION_HOURS * 3600,
});

/**
 * BullMQ applies `removeOnComplete` / `removeOnFail` ages only when another job finishes in the
 * same queue, so a queue that goes quiet would keep its last jobs forever. This removes every
 * finished job older than `finishedSeconds`, on a schedule (purge-relayed-events).
 */
export async function removeExpiredJobs(queue: Queue, retention: JobRetention): Promise<void> {
  const graceMs = retention.finishedSeconds * 1000;
  await queue.clean(graceMs, 0, 'failed');
  await queue.clean(graceMs, 0, 'completed');
}
