import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventBus } from '../../src/common/events/event-bus';
import { OrderPlaced } from '../../src/modules/orders/orders.events';
import { bootApp, TestApp } from '../support/app';
import { failureOf, newSku, orderFacts, placeOrder, stocked, stockOf } from './inventory-fixtures';

describe('inventory lock timeout', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    process.env.INVENTORY_LOCK_TIMEOUT_MS = '200';
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    delete process.env.INVENTORY_LOCK_TIMEOUT_MS;
    await t.close();
  });

  it('gives up on a SKU locked for longer than the timeout with INVENTORY.BUSY, and reserves once it is free', async () => {
    const sku = newSku('BUSY');
    await stocked(t, { [sku]: 3 });
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT 1 FROM inventory.stock_items WHERE sku = $1 FOR UPDATE`, [sku]);
      const failure = await failureOf(placeOrder(t, randomUUID(), [{ sku, quantity: 1 }]));
      expect(failure).toMatchObject({ kind: 'unavailable', code: 'INVENTORY.BUSY' });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    expect(await stockOf(t, sku)).toMatchObject({ reserved: 0 });
    await placeOrder(t, randomUUID(), [{ sku, quantity: 1 }]);
    expect(await stockOf(t, sku)).toMatchObject({ reserved: 1 });
  });

  it('leaves the lock timeout of the rest of the publisher transaction as it was', async () => {
    const sku = newSku();
    await stocked(t, { [sku]: 3 });
    const setting = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL lock_timeout = '7s'`);
      await t.app.get(EventBus).publish(tx, new OrderPlaced(orderFacts(randomUUID(), [{ sku, quantity: 1 }])));
      const [row]: { lock_timeout: string }[] = await tx.query(`SHOW lock_timeout`);
      return row.lock_timeout;
    });
    expect(setting).toBe('7s');
    expect(await stockOf(t, sku)).toMatchObject({ reserved: 1 });
  });
});
