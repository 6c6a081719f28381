import { DataSource } from 'typeorm';
import { NEXT_PENDING_ROWS, OutboxRelay } from '../../src/common/events/outbox-relay';
import { bootApi, type TestApp } from '../support/app';
import { planNodes } from '../support/query-plans';

/**
 * A relay that fell behind (a worker down, a burst) faces thousands of pending rows. Each pass must
 * read only the head of that backlog: when PostgreSQL had to sort all of it, a pass cost 54 ms behind
 * 40,000 rows and draining got slower the longer the backlog was.
 */
describe('outbox relay behind a backlog', () => {
  const RELAYED = 50_000;
  const BACKLOG = 5000;
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await bootApi();
    dataSource = t.app.get(DataSource);
    // The outbox keeps a day of relayed events, and statistics taken before a backlog know of none
    // pending; plans for a near-empty table say nothing of a shop's.
    await dataSource.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at, dispatched_at)
       SELECT gen_random_uuid(), 'test.relayed', jsonb_build_object('n', n), now() - interval '1 day', now() - interval '1 day'
       FROM generate_series(1, $1::int) n`,
      [RELAYED],
    );
    await dataSource.query('ANALYZE platform.outbox');
    // Older than anything the other tests wrote, so these rows are the head of the backlog.
    await dataSource.query(
      `INSERT INTO platform.outbox (id, name, envelope, occurred_at)
       SELECT gen_random_uuid(), 'test.backlog', jsonb_build_object('n', n), timestamptz '2000-01-01' + n * interval '1 ms'
       FROM generate_series(1, $1::int) n`,
      [BACKLOG],
    );
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM platform.outbox WHERE name IN ('test.relayed', 'test.backlog')`);
    await dataSource.query('ANALYZE platform.outbox');
    await t.close();
  });

  const planOfNextPass = () => planNodes(dataSource, NEXT_PENDING_ROWS, [200]);

  it('reads the backlog in order from its index, whether or not the statistics know of it', async () => {
    const stale = await planOfNextPass();
    await dataSource.query('ANALYZE platform.outbox');
    const fresh = await planOfNextPass();
    for (const nodes of [stale, fresh]) {
      expect(nodes.filter((node) => node['Node Type'].includes('Sort'))).toEqual([]);
      expect(nodes).toContainEqual(expect.objectContaining({ 'Node Type': 'Index Scan', 'Index Name': 'outbox_pending_idx' }));
    }
  });

  it('relays the oldest rows first, in publishing order', async () => {
    const oldest = (await dataSource.query(
      `SELECT id FROM platform.outbox WHERE dispatched_at IS NULL ORDER BY occurred_at, id LIMIT 200`,
    )) as { id: string }[];
    expect(await t.app.get(OutboxRelay).relayBatch()).toBe(200);
    const relayed = (await dataSource.query(
      `SELECT id FROM platform.outbox WHERE name = 'test.backlog' AND dispatched_at IS NOT NULL ORDER BY occurred_at, id`,
    )) as { id: string }[];
    expect(relayed).toEqual(oldest);
  });
});
