import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventBus } from '../../src/common/events/event-bus';
import { OutboxRelay } from '../../src/common/events/outbox-relay';
import { JobsService } from '../../src/common/jobs/jobs.service';
import { bootApp, eventually, TestApp } from '../support/app';
import { statementsSentDuring } from '../support/sql-counter';
import { AppWithProbeModule, ProbeHappened, SpineProbe } from './spine-probe';

/** Jobs enqueued inside a transaction travel through the outbox: they exist once it commits. */
describe('jobs enqueued on commit', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let jobs: JobsService;
  let probe: SpineProbe;

  beforeAll(async () => {
    t = await bootApp(AppWithProbeModule);
    dataSource = t.app.get(DataSource);
    jobs = t.app.get(JobsService);
    probe = t.app.get(SpineProbe);
  });
  afterAll(() => t.close());

  const outboxRowsOf = async (mark: string): Promise<{ id: string; job: unknown }[]> =>
    dataSource.query(`SELECT id, job FROM platform.outbox WHERE name = 'probe-job' AND envelope -> 'data' ->> 'mark' = $1`, [mark]);

  it('puts the job on its queue after commit, with its id and delay, written with the events in one statement', async () => {
    const mark = randomUUID();
    const event = new ProbeHappened({});
    const sent = await statementsSentDuring(() =>
      dataSource.transaction(async (tx) => {
        await t.app.get(EventBus).publish(tx, event);
        jobs.enqueueOnCommit(tx, 'spineprobe', 'probe-job', { mark }, { jobId: `probe-${mark}`, delayMs: 150 });
      }),
    );
    expect(sent.filter((text) => text.includes('INSERT INTO platform.outbox'))).toHaveLength(1);
    expect(await outboxRowsOf(mark)).toEqual([{ id: expect.any(String), job: { queue: 'spineprobe', jobId: `probe-${mark}`, delayMs: 150 } }]);
    await eventually(() => expect(probe.jobRuns.get(mark)).toEqual({ runs: 1, jobId: `probe-${mark}`, delay: 150 }));
    await eventually(() => expect(probe.deliveries.get(event.id)).toBe(1));
  });

  it('never enqueues the job of a transaction that rolls back', async () => {
    const [doomed, marker] = [randomUUID(), randomUUID()];
    await expect(
      dataSource.transaction(async (tx) => {
        jobs.enqueueOnCommit(tx, 'spineprobe', 'probe-job', { mark: doomed });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await dataSource.transaction(async (tx) => jobs.enqueueOnCommit(tx, 'spineprobe', 'probe-job', { mark: marker }));
    await eventually(() => expect(probe.jobRuns.get(marker)?.runs).toBe(1));
    expect(await outboxRowsOf(doomed)).toEqual([]);
    expect(probe.jobRuns.has(doomed)).toBe(false);
  });

  it('refuses a job outside a transaction', () => {
    expect(() => jobs.enqueueOnCommit(dataSource.manager, 'spineprobe', 'probe-job', { mark: randomUUID() })).toThrow(
      'job spineprobe/probe-job must be enqueued inside a transaction',
    );
  });

  it('makes one job of a row relayed twice, named after the row when the job has no id of its own', async () => {
    const relay = t.app.get(OutboxRelay);
    const mark = randomUUID();
    await relay.stop();
    try {
      await dataSource.transaction(async (tx) => jobs.enqueueOnCommit(tx, 'spineprobe', 'probe-job', { mark }));
      const [row] = await outboxRowsOf(mark);
      expect(await relay.relayBatch()).toBeGreaterThanOrEqual(1);
      // A relay that died after adding the job but before marking the row leaves it to relay again.
      await dataSource.query('UPDATE platform.outbox SET dispatched_at = NULL WHERE id = $1', [row.id]);
      expect(await relay.relayBatch()).toBeGreaterThanOrEqual(1);
      await eventually(() => expect(probe.jobRuns.get(mark)).toEqual({ runs: 1, jobId: row.id, delay: 0 }));
      const later = randomUUID();
      await dataSource.transaction(async (tx) => jobs.enqueueOnCommit(tx, 'spineprobe', 'probe-job', { mark: later }));
      expect(await relay.relayBatch()).toBeGreaterThanOrEqual(1);
      await eventually(() => expect(probe.jobRuns.get(later)?.runs).toBe(1));
      expect(probe.jobRuns.get(mark)?.runs).toBe(1);
    } finally {
      await relay.start();
    }
  });
});
