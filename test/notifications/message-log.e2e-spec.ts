import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessageLogService } from '../../src/modules/notifications/message-log.service';
import { lockMessage } from '../../src/modules/notifications/message-lock';
import { bootApp, eventually, TestApp } from '../support/app';

/**
 * The send job may run before the transaction that recorded its message has committed: it then
 * waits for that transaction, and learns whether the message exists.
 */
describe('notifications: the send job reading its message', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let log: MessageLogService;
  beforeAll(async () => {
    t = await bootApp();
    dataSource = t.app.get(DataSource);
    log = t.app.get(MessageLogService);
  });
  afterAll(() => t.close());

  /** Records a message the way the subscriber does, in a transaction still open; `end` commits or rolls it back. */
  async function recordingInProgress(): Promise<{ id: string; end(outcome: 'commit' | 'rollback'): Promise<void> }> {
    const id = randomUUID();
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await lockMessage(runner.manager, id);
    await runner.query(
      `INSERT INTO notifications.messages (id, event_id, template, recipient, user_id, subject, context, status)
       VALUES ($1, $2, 'order-placed', 'buyer@example.test', NULL, 'Your order', '{}', 'queued')`,
      [id, randomUUID()],
    );
    return {
      id,
      async end(outcome) {
        if (outcome === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
        await runner.release();
      },
    };
  }

  const waitingForLock = () =>
    eventually(async () => {
      const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
      expect(waiting).toBeGreaterThan(0);
    });

  it('waits for the recording transaction and then reads the committed message', async () => {
    const recording = await recordingInProgress();
    const read = log.committed(recording.id);
    await waitingForLock();
    await recording.end('commit');
    expect(await read).toMatchObject({ id: recording.id, status: 'queued', recipient: 'buyer@example.test' });
  });

  it('finds nothing once the recording transaction rolled back', async () => {
    const recording = await recordingInProgress();
    const read = log.committed(recording.id);
    await waitingForLock();
    await recording.end('rollback');
    expect(await read).toBeUndefined();
  });
});
