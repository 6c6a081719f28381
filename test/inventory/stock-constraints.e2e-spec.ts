import { DataSource } from 'typeorm';
import { bootApp, TestApp } from '../support/app';
import { newSku, stocked, stockOf } from './inventory-fixtures';

const CHECK_VIOLATION = '23514';

/** The app refuses these movements first; the CHECK constraints hold even for a write that bypasses it. */
describe('stock item constraints (in the database)', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await bootApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it.each([
    ['reserved below zero', 'reserved = -1', 'stock_items_reserved_not_negative'],
    ['reserved above on hand', 'reserved = on_hand + 1', 'stock_items_reserved_within_on_hand'],
  ])('refuses a raw update that puts %s', async (_, assignment, constraint) => {
    const sku = newSku('CHECK');
    await stocked(t, { [sku]: 4 });
    await expect(db.query(`UPDATE inventory.stock_items SET ${assignment} WHERE sku = $1`, [sku])).rejects.toMatchObject({
      code: CHECK_VIOLATION,
      constraint,
    });
    expect(await stockOf(t, sku)).toMatchObject({ onHand: 4, reserved: 0 });
  });
});
