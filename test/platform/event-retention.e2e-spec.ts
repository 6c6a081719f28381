import { v7 } from 'uuid';
import { DataSource } from 'typeorm';
import { firstIdAt } from '../../src/common/database/uuid';
import { PURGE_OUTBOX, PurgeRelayedEventsProcessor } from '../../src/common/events/purge-relayed-events.processor';
import { Queues } from '../../src/common/jobs/queues';
import { bootApp, TestApp } from '../support/app';
import { planNodes } from '../support/query-plans';

describe('retention of relayed events', () => {
  let t: TestApp;
  let db: DataSource;

  const HOUR = 3600_000;
  /** An id as the app makes it for an event (or job) published `hoursAgo`: UUID v7 of that time. */
  const idOf = (hoursAgo: number) => v7({ msecs: Date.now() - hoursAgo * HOUR });

  const outboxRow = async (occurredHoursAgo: number, dispatchedHoursAgo: number | null) => {
    const id = idOf(occurredHoursAgo);
    await db.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at, dispatched_at)
       VALUES ($1, 'test.retention-probe', '{}', now() - make_interval(hours => $2), now() - make_interval(hours => $3))`,
      [id, occurredHoursAgo, dispatchedHoursAgo],
    );
    return id;
  };
  const inboxRow = async (occurredHoursAgo: number, processedHoursAgo: number) => {
    const id = idOf(occurredHoursAgo);
    await db.query(`INSERT INTO platform.inbox (event_id, subscriber, processed_at) VALUES ($1, 'retention-probe', now() - make_interval(hours => $2))`, [
      id,
      processedHoursAgo,
    ]);
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
    // Published long ago but relayed (or processed) within the retention: still kept.
    const [lateRelayed, neverRelayed] = [await outboxRow(49, 1), await outboxRow(49, null)];
    const [oldInbox, freshInbox, lateInbox] = [await inboxRow(49, 48), await inboxRow(2, 1), await inboxRow(49, 1)];

    await t.app.get(PurgeRelayedEventsProcessor).purge();

    expect(await remaining('outbox', [oldRelayed, freshRelayed, lateRelayed, neverRelayed])).toEqual(
      [freshRelayed, lateRelayed, neverRelayed].sort(),
    );
    expect(await remaining('inbox', [oldInbox, freshInbox, lateInbox])).toEqual([freshInbox, lateInbox].sort());
  });

  it('deletes more rows than one statement takes, batch after batch', async () => {
    const ids = Array.from({ length: 10_050 }, (_, i) => v7({ msecs: Date.now() - 49 * HOUR - i }));
    await db.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at, dispatched_at)
       SELECT id, 'test.retention-probe', '{}', now() - interval '49 hours', now() - interval '48 hours' FROM unnest($1::uuid[]) id`,
      [ids],
    );
    await t.app.get(PurgeRelayedEventsProcessor).purge();
    expect(await remaining('outbox', ids)).toEqual([]);
  });

  it('reads only the rows that go, by the primary key, behind a day of relayed events', async () => {
    await db.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at, dispatched_at)
       SELECT id, 'test.retention-day', '{}', now(), now() FROM unnest($1::uuid[]) id`,
      [Array.from({ length: 50_000 }, () => idOf(0))],
    );
    await db.query('ANALYZE platform.outbox');
    try {
      const before = firstIdAt(new Date(Date.now() - 24 * HOUR));
      const nodes = await planNodes(db, PURGE_OUTBOX, [before, 24, 10_000]);
      expect(nodes.filter((node) => node['Node Type'] === 'Seq Scan')).toEqual([]);
      // The rows that may go are found as a range of the key (an index or bitmap index scan).
      expect(nodes.filter((node) => node['Index Cond']?.startsWith('(id < '))).toHaveLength(1);
    } finally {
      await db.query(`DELETE FROM platform.outbox WHERE name = 'test.retention-day'`);
      await db.query('ANALYZE platform.outbox');
    }
  });

  it('runs on a schedule in the worker', async () => {
    const schedulers = await t.app.get(Queues).get('events').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain('purge-relayed-events');
  });
});
