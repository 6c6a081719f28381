import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { INSUFFICIENT_STOCK } from '../../src/modules/inventory/inventory.events';
import { bootApp, TestApp } from '../support/app';
import {
  admin,
  cancelOrder,
  failureOf,
  ledgerOf,
  Line,
  newSku,
  payOrder,
  placeOrder,
  publishedFor,
  restockItems,
  stocked,
  stockOf,
} from './inventory-fixtures';

/** mulberry32: a small seeded generator, so a failing sequence can be replayed with INVENTORY_TEST_SEED. */
function random(seed: number): (min: number, max: number) => number {
  let a = seed >>> 0;
  return (min, max) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    const unit = ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(unit * (max - min + 1));
  };
}

interface ModelOrder {
  id: string;
  lines: Line[];
  state: 'pending' | 'paid' | 'cancelled';
  restocked: Record<string, number>;
}

describe('inventory ledger', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const seed = Number(process.env.INVENTORY_TEST_SEED ?? Date.now() % 2 ** 31);

  it(`sums to the stock items after every step of a randomised sequence of operations (seed ${seed})`, async () => {
    const rand = random(seed);
    const skus = [newSku('R1'), newSku('R2'), newSku('R3')];
    await stocked(t, Object.fromEntries(skus.map((s) => [s, 5])));
    const model: Record<string, { onHand: number; reserved: number }> = Object.fromEntries(skus.map((s) => [s, { onHand: 5, reserved: 0 }]));
    const orders: ModelOrder[] = [];
    const pick = <T>(list: T[]): T | undefined => (list.length ? list[rand(0, list.length - 1)] : undefined);
    const kinds = new Set<string>();

    const operations: Record<string, () => Promise<void>> = {
      set: async () => {
        const sku = pick(skus)!;
        const onHand = rand(0, 15);
        const ok = onHand >= model[sku].reserved;
        await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand }).expect(ok ? 200 : 409);
        if (ok) model[sku].onHand = onHand;
      },
      adjust: async () => {
        const sku = pick(skus)!;
        const delta = pick([-6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6])!;
        const ok = model[sku].onHand + delta >= model[sku].reserved;
        await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send({ delta, reason: 'random' }).expect(ok ? 201 : 409);
        if (ok) model[sku].onHand += delta;
      },
      place: async () => {
        const chosen = skus.filter(() => rand(0, 1) === 1);
        const lines = (chosen.length ? chosen : [pick(skus)!]).map((sku) => ({ sku, quantity: rand(1, 3) }));
        const id = randomUUID();
        const ok = lines.every((l) => l.quantity <= model[l.sku].onHand - model[l.sku].reserved);
        if (ok) {
          await placeOrder(t, id, lines);
          lines.forEach((l) => (model[l.sku].reserved += l.quantity));
          orders.push({ id, lines, state: 'pending', restocked: {} });
        } else {
          expect(await failureOf(placeOrder(t, id, lines))).toMatchObject({ code: INSUFFICIENT_STOCK });
        }
      },
      pay: async () => {
        const order = pick(orders.filter((o) => o.state === 'pending'));
        if (!order) return;
        await payOrder(t, order.id, order.lines);
        order.lines.forEach((l) => ((model[l.sku].onHand -= l.quantity), (model[l.sku].reserved -= l.quantity)));
        order.state = 'paid';
      },
      cancel: async () => {
        const order = pick(orders.filter((o) => o.state !== 'cancelled'));
        if (!order) return;
        await cancelOrder(t, order.id, order.lines, order.state === 'paid');
        for (const l of order.lines) {
          if (order.state === 'pending') model[l.sku].reserved -= l.quantity;
          else model[l.sku].onHand += l.quantity - (order.restocked[l.sku] ?? 0);
        }
        order.state = 'cancelled';
      },
      restock: async () => {
        const order = pick(orders.filter((o) => o.state === 'paid'));
        if (!order) return;
        const line = pick(order.lines)!;
        const quantity = rand(1, line.quantity);
        await restockItems(t, order.id, [{ sku: line.sku, quantity }]);
        const done = order.restocked[line.sku] ?? 0;
        const applied = Math.min(quantity, line.quantity - done);
        order.restocked[line.sku] = done + applied;
        model[line.sku].onHand += applied;
      },
      replay: async () => {
        const order = pick(orders);
        if (!order) return;
        await placeOrder(t, order.id, order.lines);
        if (order.state === 'paid') await payOrder(t, order.id, order.lines);
        if (order.state === 'cancelled') await cancelOrder(t, order.id, order.lines, false);
      },
    };
    const names = Object.keys(operations);

    for (let step = 0; step < 80; step++) {
      const name = names[rand(0, names.length - 1)];
      kinds.add(name);
      await operations[name]();
      const rows: { sku: string; onHand: number; reserved: number; ledgerOnHand: number; ledgerReserved: number }[] = await db.query(
        `SELECT s.sku, s.on_hand AS "onHand", s.reserved,
                COALESCE(sum(l.on_hand_delta), 0)::int AS "ledgerOnHand", COALESCE(sum(l.reserved_delta), 0)::int AS "ledgerReserved"
         FROM inventory.stock_items s LEFT JOIN inventory.ledger_entries l ON l.sku = s.sku
         WHERE s.sku = ANY($1) GROUP BY s.sku ORDER BY s.sku`,
        [skus],
      );
      for (const row of rows) {
        const context = `step ${step} (${name}), seed ${seed}`;
        expect({ context, onHand: row.ledgerOnHand, reserved: row.ledgerReserved }).toEqual({ context, onHand: row.onHand, reserved: row.reserved });
        expect({ context, ...model[row.sku] }).toEqual({ context, onHand: row.onHand, reserved: row.reserved });
      }
    }

    expect(kinds.size).toBeGreaterThanOrEqual(5);
    for (const sku of skus) {
      const entries = await ledgerOf(t, sku, 7);
      const sum = entries.reduce((s, e) => ({ onHand: s.onHand + e.onHandDelta, reserved: s.reserved + e.reservedDelta }), { onHand: 0, reserved: 0 });
      const item = await stockOf(t, sku);
      expect(sum).toEqual({ onHand: item.onHand, reserved: item.reserved });
      expect(entries[0] ? { onHand: entries[0].onHandAfter, reserved: entries[0].reservedAfter } : sum).toEqual(sum);
    }
  });

  it('publishes stock-low once per crossing of the reorder level', async () => {
    const sku = newSku('LOW');
    await stocked(t, { [sku]: 5 }, 2);
    const lows = async () => publishedFor(t, 'inventory.stock-low', sku);
    const order = (quantity = 1) => {
      const id = randomUUID();
      return placeOrder(t, id, [{ sku, quantity }]).then(() => id);
    };
    expect(await lows()).toEqual([]);

    await order();
    await order();
    expect(await lows()).toEqual([]);
    const third = await order();
    expect(await lows()).toEqual([{ sku, available: 2, reorderLevel: 2 }]);

    const fourth = await order();
    await cancelOrder(t, fourth, [{ sku, quantity: 1 }], false);
    expect(await stockOf(t, sku)).toMatchObject({ available: 2, lowStock: true });
    expect(await lows()).toHaveLength(1);

    await cancelOrder(t, third, [{ sku, quantity: 1 }], false);
    expect(await stockOf(t, sku)).toMatchObject({ available: 3, lowStock: false });
    expect(await lows()).toHaveLength(1);

    await order();
    expect(await lows()).toHaveLength(2);
    await t.http.post(`/api/v1/admin/inventory/${sku}/adjustments`).set(admin()).send({ delta: -1, reason: 'broken' }).expect(201);
    expect(await lows()).toHaveLength(2);

    // Raising the reorder level above what is available is a crossing too.
    await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 10 }).expect(200);
    expect(await lows()).toHaveLength(2);
    await t.http.put(`/api/v1/admin/inventory/${sku}`).set(admin()).send({ onHand: 10, reorderLevel: 8 }).expect(200);
    expect((await lows()).at(-1)).toEqual({ sku, available: 7, reorderLevel: 8 });
    expect(await lows()).toHaveLength(3);
  });
});
