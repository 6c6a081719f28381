import { DataSource } from 'typeorm';
import { readEnv } from '../../src/common/config/env';
import { PlatformConfig } from '../../src/common/config/platform.config';
import { EventBus } from '../../src/common/events/event-bus';
import { HandlerRegistry } from '../../src/common/events/handler-registry';
import { OutboxRelay } from '../../src/common/events/outbox-relay';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import { bearer } from '../support/tokens';
import { AppWithProbeModule, ProbeHappened, SpineProbe } from './spine-probe';

/** Asserts `check` keeps passing for `forMs`: a duplicate arriving late would break it. */
async function throughout(check: () => void, forMs = 500, intervalMs = 50): Promise<void> {
  const until = Date.now() + forMs;
  do {
    check();
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  } while (Date.now() < until);
  check();
}

describe('event spine', () => {
  let t: TestApp;
  let probe: SpineProbe;
  let dataSource: DataSource;
  const savedAttempts = process.env.JOB_ATTEMPTS;

  beforeAll(async () => {
    process.env.JOB_ATTEMPTS = '3';
    t = await bootApp(AppWithProbeModule);
    probe = t.app.get(SpineProbe);
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
    process.env.JOB_ATTEMPTS = savedAttempts;
  });

  const outboxRow = async (id: string) =>
    (await dataSource.query('SELECT dispatched_at FROM platform.outbox WHERE id = $1', [id]))[0];

  it('delivers a committed event to its asynchronous subscriber exactly once', async () => {
    const event = new ProbeHappened({});
    await publishCommitted(t.app, event);
    const once = () => expect(probe.deliveries.get(event.id)).toBe(1);
    await eventually(once);
    await throughout(once);
    expect((await outboxRow(event.id)).dispatched_at).not.toBeNull();
  });

  it('runs a repeatable subscriber without an inbox row, and an ordinary one with its row', async () => {
    const event = new ProbeHappened({});
    await publishCommitted(t.app, event);
    await eventually(() => {
      expect(probe.deliveries.get(event.id)).toBe(1);
      expect(probe.batchDeliveries.get(event.id)).toBe(1);
    });
    const rows: { subscriber: string }[] = await dataSource.query('SELECT subscriber FROM platform.inbox WHERE event_id = $1', [event.id]);
    expect(rows.map((r) => r.subscriber)).toEqual(['SpineProbe.afterCommit']);
  });

  it("gives a batched subscriber a relay pass's events in one job, and an ordinary one a job per event", async () => {
    const batch = [new ProbeHappened({}), new ProbeHappened({}), new ProbeHappened({})];
    await dataSource.transaction(async (tx) => {
      for (const event of batch) await t.app.get(EventBus).publish(tx, event);
    });
    await eventually(() => {
      for (const event of batch) {
        expect(probe.batchDeliveries.get(event.id)).toBe(1);
        expect(probe.deliveries.get(event.id)).toBe(1);
      }
    });
    const ids = batch.map((e) => e.id);
    const completed = await t.app.get(Queues).get('spineprobe').getJobs(['completed']);
    const carrying = (job: (typeof completed)[number]): string[] => {
      const data = job.data as { event?: { id: string }; events?: { id: string }[] };
      return (data.events ?? (data.event ? [data.event] : [])).map((e) => e.id).filter((id) => ids.includes(id));
    };
    const batched = completed.filter((job) => job.name === 'SpineProbe.afterCommitBatch' && carrying(job).length);
    expect(batched.map(carrying)).toEqual([ids]);
    const ordinary = completed.filter((job) => job.name === 'SpineProbe.afterCommit' && carrying(job).length);
    expect(ordinary.map((job) => job.id).sort()).toEqual(ids.map((id) => `${id}--SpineProbe.afterCommit`).sort());
  });

  it('retries a batch that failed as a whole, and hands its events over once it succeeds', async () => {
    const batch = [new ProbeHappened({}), new ProbeHappened({ batchFailTimes: 1 }), new ProbeHappened({})];
    await dataSource.transaction(async (tx) => {
      for (const event of batch) await t.app.get(EventBus).publish(tx, event);
    });
    await eventually(() => expect(probe.batchDeliveries.get(batch[1].id)).toBe(1));
    await throughout(() => {
      for (const event of batch) {
        expect(probe.batchDeliveries.get(event.id)).toBe(1);
        expect(probe.batchAttempts.get(event.id)).toBe(2);
      }
    });
    const completed = await t.app.get(Queues).get('spineprobe').getJobs(['completed']);
    const retried = completed.find((job) => (job.data as { events?: { id: string }[] }).events?.some((e) => e.id === batch[1].id));
    expect(retried?.attemptsMade).toBe(2);
    expect((retried?.data as { events: { id: string }[] }).events.map((e) => e.id)).toEqual(batch.map((e) => e.id));
  });

  it('never delivers an event whose transaction rolled back', async () => {
    const doomed = new ProbeHappened({});
    await expect(
      dataSource.transaction(async (tx) => {
        await t.app.get(EventBus).publish(tx, doomed);
        throw new Error('the use case failed after publishing');
      }),
    ).rejects.toThrow('the use case failed');
    const marker = new ProbeHappened({});
    await publishCommitted(t.app, marker);
    await eventually(() => expect(probe.deliveries.get(marker.id)).toBe(1));
    expect(await outboxRow(doomed.id)).toBeUndefined();
    expect(probe.attempts.has(doomed.id)).toBe(false);
  });

  it('rolls the publisher back when an in-transaction subscriber fails', async () => {
    const refused = new ProbeHappened({ explodeInTransaction: true });
    await expect(publishCommitted(t.app, refused)).rejects.toThrow('in-transaction subscriber refused');
    expect(await outboxRow(refused.id)).toBeUndefined();
  });

  it('relays each row through exactly one of two racing relays, and the poller covers a lost nudge', async () => {
    const relay = t.app.get(OutboxRelay);
    await relay.stop();
    const rival = new OutboxRelay(dataSource, t.app.get(HandlerRegistry), t.app.get(Queues), readEnv(PlatformConfig));
    const events = Array.from({ length: 30 }, () => new ProbeHappened({}));
    try {
      await publishCommitted(t.app, ...events);
      const moved = await Promise.all([rival.relayBatch(), relay.relayBatch(), rival.relayBatch(), relay.relayBatch()]);
      expect(moved.reduce((sum, n) => sum + n, 0)).toBe(events.length);
    } finally {
      await relay.start();
    }
    await relay.stopListening();
    const eachOnce = () => events.forEach((e) => expect(probe.deliveries.get(e.id)).toBe(1));
    await eventually(eachOnce);
    await throughout(eachOnce);
    const inbox = await dataSource.query('SELECT count(*)::int AS n FROM platform.inbox WHERE event_id = ANY($1)', [
      events.map((e) => e.id),
    ]);
    expect(inbox[0].n).toBe(30);
    const late = new ProbeHappened({});
    await publishCommitted(t.app, late);
    await eventually(() => expect(probe.deliveries.get(late.id)).toBe(1));
  });

  it('retries a failing subscriber with backoff until it succeeds', async () => {
    const flaky = new ProbeHappened({ failTimes: 2 });
    await publishCommitted(t.app, flaky);
    await eventually(() => expect(probe.deliveries.get(flaky.id)).toBe(1));
    expect(probe.attempts.get(flaky.id)).toBe(3);
  });

  it('keeps a job that exhausted its retries as failed, and an admin can retry it', async () => {
    probe.failForever = true;
    const doomed = new ProbeHappened({});
    await publishCommitted(t.app, doomed);
    const admin = bearer({ role: 'admin' });
    const failed = await eventually(async () => {
      const res = await t.http.get('/api/v1/admin/jobs/failed?queue=spineprobe').set(admin).expect(200);
      const job = res.body.items.find((j: { id: string }) => j.id.startsWith(doomed.id));
      expect(job).toMatchObject({ queue: 'spineprobe', attemptsMade: 3, name: 'SpineProbe.afterCommit' });
      return job;
    });
    probe.failForever = false;
    await t.http.post(`/api/v1/admin/jobs/spineprobe/${failed.id}/retry`).set(admin).expect(204);
    await eventually(() => expect(probe.deliveries.get(doomed.id)).toBe(1));
    await t.http.post(`/api/v1/admin/jobs/spineprobe/${failed.id}/retry`).set(admin).expect(404);
    await t.http.get('/api/v1/admin/jobs/failed?queue=nosuchqueue').set(admin).expect(404);
    await t.http.post(`/api/v1/admin/jobs/nosuchqueue/${failed.id}/retry`).set(admin).expect(404);
  });

  it('carries the HTTP request id into the event as its correlation id', async () => {
    const res = await t.http.post('/api/v1/probe').set('X-Request-Id', 'req-corr-42').expect(201);
    await eventually(() => expect(probe.correlationIds.get(res.body.eventId)).toBe('req-corr-42'));
  });
});
