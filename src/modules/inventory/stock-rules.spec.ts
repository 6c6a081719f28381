import {
  applyDeltas,
  available,
  crossedIntoLow,
  findShortages,
  isInStock,
  isLow,
  movementDeltas,
  onHandChange,
  quantitiesBySku,
  type StockLevel,
  sumLedger,
} from './stock-rules';

const level = (onHand: number, reserved: number, reorderLevel = 0, sku = 'A'): StockLevel => ({ sku, onHand, reserved, reorderLevel });

describe('stock levels', () => {
  it('counts available as on hand minus reserved', () => {
    expect(available(level(10, 3))).toBe(7);
    expect(isInStock(level(3, 3))).toBe(false);
    expect(isInStock(level(4, 3))).toBe(true);
  });

  it('is low at or below the reorder level', () => {
    expect(isLow(level(10, 5, 5))).toBe(true);
    expect(isLow(level(10, 4, 5))).toBe(false);
  });
});

describe('low-stock crossing', () => {
  it('fires when available goes from above the level to at or below it', () => {
    expect(crossedIntoLow(level(10, 4, 5), level(10, 5, 5))).toBe(true);
    expect(crossedIntoLow(level(10, 0, 5), level(10, 9, 5))).toBe(true);
  });

  it('does not fire again while it stays low, nor on the way up', () => {
    expect(crossedIntoLow(level(10, 5, 5), level(10, 6, 5))).toBe(false);
    expect(crossedIntoLow(level(10, 6, 5), level(10, 2, 5))).toBe(false);
    expect(crossedIntoLow(level(10, 0, 5), level(10, 1, 5))).toBe(false);
  });

  it('fires when the reorder level is raised to or above what is available', () => {
    expect(crossedIntoLow(level(10, 0, 5), level(10, 0, 10))).toBe(true);
  });
});

describe('movements', () => {
  it('reserve, release, sell and restock move the right figures', () => {
    expect(movementDeltas('reserve', 2)).toEqual({ onHandDelta: 0, reservedDelta: 2 });
    expect(movementDeltas('release', 2)).toEqual({ onHandDelta: 0, reservedDelta: -2 });
    expect(movementDeltas('sell', 2)).toEqual({ onHandDelta: -2, reservedDelta: -2 });
    expect(movementDeltas('restock', 2)).toEqual({ onHandDelta: 2, reservedDelta: 0 });
  });

  it('keeps selling from changing what is available', () => {
    const before = level(10, 4);
    expect(available(applyDeltas(before, movementDeltas('sell', 4)))).toBe(available(before));
  });

  it('refuses a movement that would reserve more than is on hand or go below zero', () => {
    expect(() => applyDeltas(level(5, 5), movementDeltas('reserve', 1))).toThrow(/reserved above on hand/);
    expect(() => applyDeltas(level(5, 0), movementDeltas('release', 1))).toThrow(/reserved below zero/);
    expect(() => applyDeltas(level(5, 0), { onHandDelta: -6, reservedDelta: 0 })).toThrow(/on hand below zero/);
  });

  it('sets the reorder level with the movement when asked', () => {
    expect(applyDeltas(level(5, 0, 1), { onHandDelta: 0, reservedDelta: 0 }, 3).reorderLevel).toBe(3);
  });

  it('treats a higher count as a receipt and a lower one as an adjustment', () => {
    expect(onHandChange(5, 8)).toEqual({ kind: 'receive', delta: 3 });
    expect(onHandChange(5, 2)).toEqual({ kind: 'adjust', delta: -3 });
    expect(onHandChange(5, 5)).toEqual({ kind: 'adjust', delta: 0 });
  });
});

describe('order lines', () => {
  it('sums the quantities of a SKU named twice and sorts by SKU', () => {
    const bySku = quantitiesBySku([
      { sku: 'B', quantity: 1 },
      { sku: 'A', quantity: 2 },
      { sku: 'B', quantity: 3 },
    ]);
    expect([...bySku]).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
  });

  it('refuses a quantity that is not a positive integer', () => {
    expect(() => quantitiesBySku([{ sku: 'A', quantity: 0 }])).toThrow();
    expect(() => quantitiesBySku([{ sku: 'A', quantity: 1.5 }])).toThrow();
  });

  it('names every short line with what is available, unknown SKUs as 0', () => {
    const levels = new Map([
      ['A', level(5, 4, 0, 'A')],
      ['B', level(9, 0, 0, 'B')],
    ]);
    const wanted = new Map([
      ['A', 2],
      ['B', 9],
      ['C', 1],
    ]);
    expect(findShortages(levels, wanted)).toEqual([
      { sku: 'A', requested: 2, available: 1 },
      { sku: 'C', requested: 1, available: 0 },
    ]);
  });
});

describe('ledger arithmetic', () => {
  it('sums a sequence of movements to the resulting stock level', () => {
    const moves = [
      { onHandDelta: 10, reservedDelta: 0 },
      movementDeltas('reserve', 3),
      movementDeltas('sell', 2),
      movementDeltas('release', 1),
      movementDeltas('restock', 2),
      { onHandDelta: -1, reservedDelta: 0 },
    ];
    const end = moves.reduce((l, d) => applyDeltas(l, d), level(0, 0));
    expect(sumLedger(moves)).toEqual({ onHand: end.onHand, reserved: end.reserved });
    expect(end).toMatchObject({ onHand: 9, reserved: 0 });
  });

  it('sums nothing to zero, the figures of a new stock item', () => {
    expect(sumLedger([])).toEqual({ onHand: 0, reserved: 0 });
  });
});
