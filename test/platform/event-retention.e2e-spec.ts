import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PurgeRelayedEventsProcessor } from '../../src/common/events/purge-relayed-events.processor';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, TestApp } from '../support/app';

describe('retention of relayed events', () => {
  let t: TestApp;
  let db: DataSource;

  const outboxRow = async (occurredHoursAgo: number, dispatchedHoursAgo: number) => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at, dispatched_at)
       VALUES ($1, 'test.retention-probe', '{}', now() - make_interval(hours => $2), now() - make_interval(hours => $3))`,
      [id, occurredHoursAgo, dispatchedHoursAgo],
    );
    return id;
  };
  const inboxRow = async (hoursAgo: number) => {
    const id = randomUUID();
    await db.query(`INSERT INTO platform.inbox (event_id, subscriber, processed_at) VALUES ($1, 'retention-probe', now() - make_interval(hours => $2))`, [id, hoursAgo]);
    return id;
  };
  const remaining = async (table: 'outbox' | 'inbox', ids: string[]) => {
    const column = table === 'outbox' ? 'id' : 'event_id';
    const rows: { id: string }[] = await db.query(`SELECT ${column} AS id FROM platform.${table} WHERE ${column} = ANY($1)`, [ids]);
    return rows.map((r) => r.id).sort();
  };

  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('deletes relayed outbox rows and inbox rows older than the retention, and nothing else', async () => {
    const [oldRelayed, freshRelayed] = [await outboxRow(49, 48), await outboxRow(2, 1)];
    const [oldInbox, freshInbox] = [await inboxRow(48), await inboxRow(1)];

    await t.app.get(PurgeRelayedEventsProcessor).purge();

    expect(await remaining('outbox', [oldRelayed, freshRelayed])).toEqual([freshRelayed]);
    expect(await remaining('inbox', [oldInbox, freshInbox])).toEqual([freshInbox]);
  });

  it('runs on a schedule in the worker', async () => {
    const schedulers = await t.app.get(Queues).get('events').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('purge-relayed-events');
  });
});
