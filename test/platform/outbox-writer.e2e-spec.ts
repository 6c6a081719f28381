import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventBus } from '../../src/common/events/event-bus';
import { OutboxWriter } from '../../src/common/events/outbox-writer';
import { bootApp, eventually, TestApp } from '../support/app';
import { statementsSentDuring } from '../support/sql-counter';
import { AppWithProbeModule, ProbeHappened, SpineProbe } from './spine-probe';

/** The outbox rows of a transaction are written together, just before it commits. */
describe('outbox writer', () => {
  let t: TestApp;
  let dataSource: DataSource;
  let bus: EventBus;
  let writer: OutboxWriter;

  beforeAll(async () => {
    t = await bootApp(AppWithProbeModule);
    dataSource = t.app.get(DataSource);
    bus = t.app.get(EventBus);
    writer = t.app.get(OutboxWriter);
  });
  afterAll(() => t.close());

  const stored = async (events: ProbeHappened[]): Promise<string[]> =>
    (
      (await dataSource.query('SELECT id FROM platform.outbox WHERE id = ANY($1) ORDER BY occurred_at, id', [events.map((e) => e.id)])) as {
        id: string;
      }[]
    ).map((r) => r.id);

  it('writes every event of a transaction in one statement, and they are delivered', async () => {
    const events = [new ProbeHappened({}), new ProbeHappened({}), new ProbeHappened({})];
    const sent = await statementsSentDuring(() =>
      dataSource.transaction(async (tx) => {
        for (const event of events) await bus.publish(tx, event);
      }),
    );
    expect(sent.filter((text) => text.includes('INSERT INTO platform.outbox'))).toHaveLength(1);
    expect(await stored(events)).toEqual(events.map((e) => e.id));
    const probe = t.app.get(SpineProbe);
    await eventually(() => events.forEach((e) => expect(probe.deliveries.get(e.id)).toBe(1)));
  });

  it('writes nothing for a transaction that rolls back', async () => {
    const event = new ProbeHappened({});
    await expect(
      dataSource.transaction(async (tx) => {
        await bus.publish(tx, event);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await stored([event])).toEqual([]);
  });

  it('drops only the events of a savepoint that rolls back', async () => {
    const [before, inside, after] = [new ProbeHappened({}), new ProbeHappened({}), new ProbeHappened({})];
    await dataSource.transaction(async (tx) => {
      await bus.publish(tx, before);
      await tx
        .transaction(async (nested) => {
          await bus.publish(nested, inside);
          throw new Error('inner step failed');
        })
        .catch(() => undefined);
      await bus.publish(tx, after);
    });
    expect((await stored([before, inside, after])).sort()).toEqual([before.id, after.id].sort());
  });

  describe('the answer to an idempotent request', () => {
    const claimed = async (): Promise<{ scope: string; key: string }> => {
      const held = { scope: 'POST /probe:anonymous', key: randomUUID() };
      await dataSource.query(
        `INSERT INTO platform.idempotency_keys (scope, key, fingerprint, state) VALUES ($1, $2, 'f', 'in_progress')`,
        [held.scope, held.key],
      );
      return held;
    };
    const stateOf = async ({ scope, key }: { scope: string; key: string }) =>
      (
        await dataSource.query(
          `SELECT state, response_status AS status, response_body AS body, response_headers AS headers
           FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
          [scope, key],
        )
      )[0];

    it('is stored by the commit’s own statement, with the events, even when there are none', async () => {
      const [withEvent, alone] = [await claimed(), await claimed()];
      const event = new ProbeHappened({});
      await dataSource.transaction(async (tx) => {
        await bus.publish(tx, event);
        writer.answer(tx.queryRunner!, { ...withEvent, status: 201, body: { ok: 1 }, headers: { location: '/x' } });
      });
      await dataSource.transaction(async (tx) => {
        writer.answer(tx.queryRunner!, { ...alone, status: 200, body: { ok: 2 }, headers: {} });
      });
      expect(await stored([event])).toEqual([event.id]);
      expect(await stateOf(withEvent)).toEqual({ state: 'completed', status: 201, body: { ok: 1 }, headers: { location: '/x' } });
      expect(await stateOf(alone)).toEqual({ state: 'completed', status: 200, body: { ok: 2 }, headers: {} });
    });

    it('is not stored when the transaction rolls back', async () => {
      const held = await claimed();
      await expect(
        dataSource.transaction(async (tx) => {
          writer.answer(tx.queryRunner!, { ...held, status: 201, body: {}, headers: {} });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      expect(await stateOf(held)).toMatchObject({ state: 'in_progress', status: null });
    });
  });
});
