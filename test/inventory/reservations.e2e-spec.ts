import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INSUFFICIENT_STOCK } from '../../src/modules/inventory/inventory.events';
import { bootApp, eventually, TestApp } from '../support/app';
import { publishCommitted } from '../support/events';
import {
  admin,
  cancelOrder,
  failureOf,
  ledgerOf,
  newSku,
  payOrder,
  placeOrder,
  publishedFor,
  restockItems,
  stocked,
  stockOf,
  variantUpserted,
} from './inventory-fixtures';

describe('inventory reservations (in the order transaction)', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const reservationsOf = (orderId: string): Promise<{ sku: string; quantity: number; state: string; restocked: number }[]> =>
    db.query(
      `SELECT sku, quantity, state, restocked_quantity AS restocked FROM inventory.reservations WHERE order_id = $1 ORDER BY sku`,
      [orderId],
    );

  it('creates a stock item with nothing on hand when a variant appears, and keeps it when it reappears', async () => {
    const sku = newSku();
    await publishCommitted(t.app, variantUpserted(sku));
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 0, reserved: 0, available: 0, inStock: false });
    await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 3 }).expect(200);
    await publishCommitted(t.app, variantUpserted(sku));
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
  });

  it('lets exactly 5 of 50 concurrent single-unit orders reserve the last 5 units', async () => {
    const sku = newSku('RACE');
    await stocked(t, { [sku]: 5 });
    const orderIds = Array.from({ length: 50 }, () => randomUUID());
    const results = await Promise.allSettled(orderIds.map((id) => placeOrder(t, id, [{ sku, quantity: 1 }])));

    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(succeeded).toHaveLength(5);
    expect(failed).toHaveLength(45);
    for (const { reason } of failed) {
      expect(reason).toMatchObject({ kind: 'conflict', code: INSUFFICIENT_STOCK });
      expect(reason.details.shortages).toEqual([{ sku, requested: 1, available: 0 }]);
    }
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 5, available: 0, inStock: false });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM inventory.reservations WHERE sku = $1`, [sku]);
    expect(count).toBe(5);
    const ledger = await ledgerOf(t, sku);
    expect(ledger.filter((e) => e.kind === 'reserve')).toHaveLength(5);
    // Stock never went negative on the way: every intermediate state is in the ledger.
    for (const e of ledger) {
      expect(e.onHandAfter).toBeGreaterThanOrEqual(0);
      expect(e.reservedAfter).toBeGreaterThanOrEqual(0);
      expect(e.reservedAfter).toBeLessThanOrEqual(e.onHandAfter);
    }
  });

  it('never deadlocks when concurrent two-line orders name the same SKUs in opposite orders', async () => {
    const [a, b] = [newSku('A'), newSku('B')];
    await stocked(t, { [a]: 40, [b]: 40 });
    const orders = Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      lines: i % 2 === 0
        ? [{ sku: a, quantity: 1 }, { sku: b, quantity: 2 }]
        : [{ sku: b, quantity: 1 }, { sku: a, quantity: 2 }],
    }));
    // Holding both rows makes the orders queue up on them, so they all contend the moment it lets go.
    const holder = db.createQueryRunner();
    const watcher = db.createQueryRunner();
    let results: PromiseSettledResult<void>[];
    try {
      await Promise.all([holder.connect(), watcher.connect()]);
      await holder.startTransaction();
      await holder.query(`SELECT 1 FROM inventory.stock_items WHERE sku = ANY($1) FOR UPDATE`, [[a, b]]);
      const placing = Promise.allSettled(orders.map((o) => placeOrder(t, o.id, o.lines)));
      await eventually(async () => {
        const [{ waiting }] = await watcher.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        expect(waiting).toBeGreaterThanOrEqual(10);
      }, 2000);
      await holder.commitTransaction();
      results = await placing;
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await Promise.all([holder.release(), watcher.release()]);
    }

    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []));
    // A deadlock would surface as 40P01 (or INVENTORY.BUSY); only a plain shortage may refuse an order.
    expect(codes.filter((code) => code !== INSUFFICIENT_STOCK)).toEqual([]);
    expect(codes.length).toBeGreaterThan(0);
    const reservedLines = orders.filter((_, i) => results[i].status === 'fulfilled').flatMap((o) => o.lines);
    const reservedOf = (sku: string) => reservedLines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.quantity, 0);
    expect(reservedLines.length).toBeGreaterThan(0);
    expect(await stockOf(t, a)).toMatchObject({ onHand: 40, reserved: reservedOf(a) });
    expect(await stockOf(t, b)).toMatchObject({ onHand: 40, reserved: reservedOf(b) });
  });

  it('reserves all lines of an order or none: one short line changes nothing', async () => {
    const plenty = newSku('PLENTY');
    const scarce = newSku('SCARCE');
    await stocked(t, { [plenty]: 10, [scarce]: 1 });
    const before = await ledgerOf(t, plenty);
    const orderId = randomUUID();

    const failure = await failureOf(placeOrder(t, orderId, [
      { sku: plenty, quantity: 2 },
      { sku: scarce, quantity: 3 },
    ]));

    expect(failure).toMatchObject({ kind: 'conflict', code: INSUFFICIENT_STOCK });
    expect(failure.details).toEqual({ shortages: [{ sku: scarce, requested: 3, available: 1 }] });
    expect(await reservationsOf(orderId)).toEqual([]);
    expect(await ledgerOf(t, plenty)).toEqual(before);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM inventory.ledger_entries WHERE order_id = $1`, [orderId]);
    expect(count).toBe(0);
    expect(await stockOf(t, plenty)).toMatchObject({ onHand: 10, reserved: 0 });
    expect(await stockOf(t, scarce)).toMatchObject({ onHand: 1, reserved: 0 });
    expect((await publishedFor(t, 'inventory.stock-changed', plenty)).filter((p) => p.available === 8)).toEqual([]);
  });

  it('treats a SKU it has never heard of as out of stock', async () => {
    const known = newSku();
    const unknown = newSku('GHOST');
    await stocked(t, { [known]: 4 });
    const failure = await failureOf(placeOrder(t, randomUUID(), [
      { sku: known, quantity: 1 },
      { sku: unknown, quantity: 1 },
    ]));
    expect(failure).toMatchObject({ code: INSUFFICIENT_STOCK, details: { shortages: [{ sku: unknown, requested: 1, available: 0 }] } });
    expect(await stockOf(t, known)).toMatchObject({ reserved: 0 });
  });

  it('sums the quantities of a SKU named on two lines', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 3 });
    const failure = await failureOf(placeOrder(t, randomUUID(), [
      { sku, quantity: 2 },
      { sku, quantity: 2 },
    ]));
    expect(failure.details).toEqual({ shortages: [{ sku, requested: 4, available: 3 }] });
  });

  it('reserves, sells on payment and publishes stock-changed when available moves', async () => {
    const a = newSku('A');
    const b = newSku('B');
    await stocked(t, { [a]: 10, [b]: 4 });
    const orderId = randomUUID();
    const lines = [
      { sku: a, quantity: 3 },
      { sku: b, quantity: 4 },
    ];
    await placeOrder(t, orderId, lines);
    expect(await stockOf(t, a)).toMatchObject({ onHand: 10, reserved: 3, available: 7 });
    expect(await stockOf(t, b)).toMatchObject({ onHand: 4, reserved: 4, available: 0, inStock: false });
    expect(await reservationsOf(orderId)).toEqual([
      { sku: a, quantity: 3, state: 'reserved', restocked: 0 },
      { sku: b, quantity: 4, state: 'reserved', restocked: 0 },
    ]);
    expect((await publishedFor(t, 'inventory.stock-changed', b)).at(-1)).toEqual({ sku: b, available: 0, inStock: false });
    // One announcement for the order's lines together.
    const [announced] = (await t.app
      .get(DataSource)
      .query(
        `SELECT envelope->'payload' AS payload FROM platform.outbox
         WHERE name = 'inventory.stock-changed' AND envelope->'payload'->'levels' @> $1::jsonb`,
        [JSON.stringify([{ sku: a }, { sku: b }])],
      )) as { payload: unknown }[];
    expect(announced.payload).toEqual({ levels: expect.arrayContaining([{ sku: a, available: 7, inStock: true }, { sku: b, available: 0, inStock: false }]) });
    await t.http.get(`/api/v1/inventory/${b}`).expect(200, { sku: b, available: 0, inStock: false });

    const changesBefore = (await publishedFor(t, 'inventory.stock-changed', a)).length;
    await payOrder(t, orderId, lines);
    expect(await stockOf(t, a)).toMatchObject({ onHand: 7, reserved: 0, available: 7 });
    expect(await stockOf(t, b)).toMatchObject({ onHand: 0, reserved: 0, available: 0 });
    expect((await reservationsOf(orderId)).map((r) => r.state)).toEqual(['sold', 'sold']);
    const [sale] = await ledgerOf(t, a);
    expect(sale).toMatchObject({ kind: 'sell', onHandDelta: -3, reservedDelta: -3, orderId, actorId: null });
    // A sale does not change what is available, so nothing is announced.
    expect(await publishedFor(t, 'inventory.stock-changed', a)).toHaveLength(changesBefore);
  });

  it('releases the reservation of an order cancelled before payment', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 5 });
    const orderId = randomUUID();
    await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
    await cancelOrder(t, orderId, [{ sku, quantity: 2 }], false);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await reservationsOf(orderId))[0].state).toBe('released');
    const [release] = await ledgerOf(t, sku);
    expect(release).toMatchObject({ kind: 'release', onHandDelta: 0, reservedDelta: -2, orderId, reason: 'order cancelled (customer)' });
    expect((await publishedFor(t, 'inventory.stock-changed', sku)).at(-1)).toEqual({ sku, available: 5, inStock: true });
  });

  it('restocks the sold units of an order cancelled after payment', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 5 });
    const orderId = randomUUID();
    const lines = [{ sku, quantity: 2 }];
    await placeOrder(t, orderId, lines);
    await payOrder(t, orderId, lines);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 3, reserved: 0 });
    await cancelOrder(t, orderId, lines, true);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    expect((await ledgerOf(t, sku)).map((e) => e.kind)).toEqual(['restock', 'sell', 'reserve', 'receive']);
  });

  it('restocks refunded items, never more than the order sold', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 5 });
    const orderId = randomUUID();
    await placeOrder(t, orderId, [{ sku, quantity: 3 }]);
    await payOrder(t, orderId, [{ sku, quantity: 3 }]);
    await restockItems(t, orderId, [{ sku, quantity: 1 }]);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 3 });
    await restockItems(t, orderId, [{ sku, quantity: 3 }]);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5 });
    expect((await reservationsOf(orderId))[0]).toMatchObject({ state: 'sold', restocked: 3 });
    // Fully restocked: a later cancellation has nothing left to put back.
    await cancelOrder(t, orderId, [{ sku, quantity: 3 }], true);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('restocks nothing for an order it never reserved, or one not sold', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 5 });
    await restockItems(t, randomUUID(), [{ sku, quantity: 2 }]);
    const orderId = randomUUID();
    await placeOrder(t, orderId, [{ sku, quantity: 1 }]);
    await restockItems(t, orderId, [{ sku, quantity: 1 }]);
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 5, reserved: 1 });
  });

  describe('is idempotent per order id', () => {
    const figures = async (sku: string) => {
      const { onHand, reserved } = await stockOf(t, sku);
      return { onHand, reserved, entries: (await ledgerOf(t, sku)).length };
    };

    it('reserves once when the same order is placed twice', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      const once = await figures(sku);
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      expect(await figures(sku)).toEqual(once);
      expect(once).toMatchObject({ onHand: 5, reserved: 2 });
    });

    it('reserves once when the same order is placed twice at the same time', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      const results = await Promise.allSettled([1, 2, 3].map(() => placeOrder(t, orderId, [{ sku, quantity: 2 }])));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(await figures(sku)).toMatchObject({ onHand: 5, reserved: 2, entries: 2 });
    });

    it('sells once when the order is paid twice', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      await payOrder(t, orderId, [{ sku, quantity: 2 }]);
      const once = await figures(sku);
      await payOrder(t, orderId, [{ sku, quantity: 2 }]);
      expect(await figures(sku)).toEqual(once);
      expect(once).toMatchObject({ onHand: 3, reserved: 0 });
    });

    it('releases once when an unpaid order is cancelled twice', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      await cancelOrder(t, orderId, [{ sku, quantity: 2 }], false);
      const once = await figures(sku);
      await cancelOrder(t, orderId, [{ sku, quantity: 2 }], false);
      expect(await figures(sku)).toEqual(once);
      expect(once).toMatchObject({ onHand: 5, reserved: 0 });
      // A placed event arriving after the cancellation does not reserve again.
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      expect(await figures(sku)).toEqual(once);
    });

    it('restocks once when a paid order is cancelled twice', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      await payOrder(t, orderId, [{ sku, quantity: 2 }]);
      await cancelOrder(t, orderId, [{ sku, quantity: 2 }], true);
      const once = await figures(sku);
      await cancelOrder(t, orderId, [{ sku, quantity: 2 }], true);
      expect(await figures(sku)).toEqual(once);
      expect(once).toMatchObject({ onHand: 5, reserved: 0 });
    });

    it('restocks once when the same full restock comes twice', async () => {
      const sku = newSku();
      await stocked(t, { [sku]: 5 });
      const orderId = randomUUID();
      await placeOrder(t, orderId, [{ sku, quantity: 2 }]);
      await payOrder(t, orderId, [{ sku, quantity: 2 }]);
      await restockItems(t, orderId, [{ sku, quantity: 2 }]);
      const once = await figures(sku);
      await restockItems(t, orderId, [{ sku, quantity: 2 }]);
      expect(await figures(sku)).toEqual(once);
      expect(once).toMatchObject({ onHand: 5, reserved: 0 });
    });
  });
});
