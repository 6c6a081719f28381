import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type QueryRunner } from 'typeorm';
import { PreparedStatement } from '../../src/common/database/prepared-statement';
import { bootApp, TestApp } from '../support/app';

const ECHO = new PreparedStatement<{ value: string }>('test.echo', `SELECT $1::text AS value`);
const CLAIM = new PreparedStatement('test.claim-inbox', `INSERT INTO platform.inbox (event_id, subscriber) VALUES ($1, 'test')`);

/** Hot statements are parsed and planned once per connection, and behave like TypeORM's queries otherwise. */
describe('prepared statements', () => {
  let t: TestApp;
  let dataSource: DataSource;
  beforeAll(async () => {
    t = await bootApp();
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('runs as a named statement on the transaction’s own connection', async () => {
    const { answer, prepared } = await dataSource.transaction(async (tx) => {
      const { rows } = await ECHO.run(tx, ['hello']);
      const statements: { name: string }[] = await tx.query(`SELECT name FROM pg_prepared_statements`);
      return { answer: rows, prepared: statements.map((s) => s.name) };
    });
    expect(answer).toEqual([{ value: 'hello' }]);
    expect(prepared).toContain('test.echo');
  });

  it('runs outside a transaction on a pooled connection of its own, and gives it back', async () => {
    // The app's own background work shares the pool, so the runner is watched, not the pool's counts.
    const created = jest.spyOn(dataSource, 'createQueryRunner');
    const { rows } = await ECHO.run(dataSource.manager, ['again']);
    const runner = created.mock.results[0].value as QueryRunner;
    created.mockRestore();
    expect(rows).toEqual([{ value: 'again' }]);
    expect(runner.isTransactionActive).toBe(false);
    expect(runner.isReleased).toBe(true);
  });

  it('rolls back with the transaction it ran in', async () => {
    const eventId = randomUUID();
    await expect(
      dataSource.transaction(async (tx) => {
        expect((await CLAIM.run(tx, [eventId])).rowCount).toBe(1);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await dataSource.query(`SELECT 1 FROM platform.inbox WHERE event_id = $1`, [eventId])).toEqual([]);
  });

  it('fails as a QueryFailedError carrying the driver’s code, like any other query', async () => {
    const eventId = randomUUID();
    await CLAIM.run(dataSource.manager, [eventId]);
    const failure = await CLAIM.run(dataSource.manager, [eventId]).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(failure).toMatchObject({ code: '23505' });
  });

  it('refuses a second statement with the same name', () => {
    expect(() => new PreparedStatement('test.echo', `SELECT 2`)).toThrow('test.echo');
  });
});
