import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { readEnv } from '../../src/common/config/env';
import { PlatformConfig } from '../../src/common/config/platform.config';
import { PurgeRelayedEventsProcessor } from '../../src/common/events/purge-relayed-events.processor';
import { COMPLETED_EVENT_JOB_SECONDS, JobRetention } from '../../src/common/jobs/job-retention';
import { JobsService } from '../../src/common/jobs/jobs.service';
import { Queues } from '../../src/common/jobs/queues';
import { REDIS } from '../../src/common/redis/redis.module';
import { bootApp, eventually, TestApp } from '../support/app';
import { withEnv } from '../support/env';
import { publishCommitted } from '../support/events';
import { bearer } from '../support/tokens';
import { AppWithJobProbesModule, COUNT_RUN, ModuleJobProbe } from './module-job-probe';
import { ProbeHappened, SpineProbe } from './spine-probe';

/** A retention every finished job is already older than. */
const TINY: JobRetention = { completedEventSeconds: 0.001, finishedSeconds: 0.001 };

describe('retention of finished jobs', () => {
  let t: TestApp;
  let probe: SpineProbe;
  let restoreEnv: () => void;
  const retentionSeconds = () => readEnv(PlatformConfig).EVENT_RETENTION_HOURS * 3600;
  const queue = (name: string): Queue => t.app.get(Queues).get(name);
  const eventJobId = (event: ProbeHappened) => `${event.id}--SpineProbe.afterCommit`;
  const purger = () => t.app.get(PurgeRelayedEventsProcessor);

  /** Every Redis key BullMQ holds for one job (its hash, logs, locks). */
  const keysOf = (queueName: string, jobId: string): Promise<string[]> =>
    t.app.get<Redis>(REDIS).keys(`${readEnv(PlatformConfig).REDIS_PREFIX}:${queueName}:${jobId}*`);
  /** The job once it is in `state`, read again then: a copy read before it finished has no `finishedOn`. */
  const jobIn = async (queueName: string, jobId: string, state: 'failed' | 'completed'): Promise<Job> => {
    await eventually(async () => expect(await queue(queueName).getJobState(jobId)).toBe(state));
    return (await queue(queueName).getJob(jobId))!;
  };
  /** Publishes a probe event whose subscriber fails for good, and waits for its job to be failed. */
  const failedEventJob = async (): Promise<{ event: ProbeHappened; job: Job }> => {
    probe.failForever = true;
    const event = new ProbeHappened({});
    await publishCommitted(t.app, event);
    const job = await jobIn('spineprobe', eventJobId(event), 'failed');
    probe.failForever = false;
    return { event, job };
  };
  /** Sweeps with `retention` until the job and every key of it are gone. */
  const sweptAway = (queueName: string, jobId: string, retention: JobRetention) =>
    eventually(async () => {
      await purger().removeFinishedJobs(retention);
      expect(await queue(queueName).getJob(jobId)).toBeUndefined();
      expect(await keysOf(queueName, jobId)).toEqual([]);
    });

  beforeAll(async () => {
    restoreEnv = withEnv({ JOB_ATTEMPTS: '1' });
    t = await bootApp(AppWithJobProbesModule);
    probe = t.app.get(SpineProbe);
  });
  afterAll(async () => {
    await t.close();
    restoreEnv();
  });

  it('keeps a failed event job for staff while it is younger than EVENT_RETENTION_HOURS', async () => {
    const { event, job } = await failedEventJob();
    expect(job.opts.removeOnFail).toEqual({ age: retentionSeconds() });

    await purger().purge();

    const res = await t.http.get('/api/v1/admin/jobs/failed?queue=spineprobe').set(bearer({ role: 'admin' })).expect(200);
    expect(res.body.items.map((j: { id: string }) => j.id)).toContain(eventJobId(event));
  });

  it('removes a failed event job, envelope and all, once it is older than the retention', async () => {
    const { event, job } = await failedEventJob();
    expect(job.data).toEqual({ event: event.toJSON() });
    expect(await keysOf('spineprobe', eventJobId(event))).not.toEqual([]);

    await sweptAway('spineprobe', eventJobId(event), TINY);

    const res = await t.http.get('/api/v1/admin/jobs/failed?queue=spineprobe').set(bearer({ role: 'admin' })).expect(200);
    expect(res.body.items.map((j: { id: string }) => j.id)).not.toContain(eventJobId(event));
  });

  it('drops a completed event job after minutes, as the inbox still recognises the event when relayed again', async () => {
    const event = new ProbeHappened({});
    await publishCommitted(t.app, event);
    const job = await jobIn('spineprobe', eventJobId(event), 'completed');
    expect(job.opts.removeOnComplete).toMatchObject({ age: COMPLETED_EVENT_JOB_SECONDS });
    expect(probe.deliveries.get(event.id)).toBe(1);

    await sweptAway('spineprobe', eventJobId(event), TINY);
    // As after a relay pass that enqueued its batch but failed to mark it.
    await t.app.get(DataSource).query(`UPDATE platform.outbox SET dispatched_at = NULL WHERE id = $1`, [event.id]);

    await jobIn('spineprobe', eventJobId(event), 'completed');
    await eventually(() => expect(probe.batchDeliveries.get(event.id)).toBe(2));
    expect(probe.deliveries.get(event.id)).toBe(1);
  });

  it('keeps a completed module job for the retention, so enqueueing its id again adds nothing until then', async () => {
    const jobs = t.app.get(JobsService);
    const runner = t.app.get(ModuleJobProbe);
    const jobId = 'count-once';
    await jobs.enqueue('modulejobprobe', COUNT_RUN, {}, { jobId });
    const first = await jobIn('modulejobprobe', jobId, 'completed');
    expect(first.opts.removeOnComplete).toMatchObject({ age: retentionSeconds() });

    await purger().purge();
    await jobs.enqueue('modulejobprobe', COUNT_RUN, {}, { jobId });
    expect((await queue('modulejobprobe').getJob(jobId))?.finishedOn).toBe(first.finishedOn);
    expect(runner.runs).toBe(1);

    await sweptAway('modulejobprobe', jobId, TINY);
    await jobs.enqueue('modulejobprobe', COUNT_RUN, {}, { jobId });
    await eventually(() => expect(runner.runs).toBe(2));
  });
});
