import { planCancellation, planRestock, planSale, type ReservationLine } from './reservation-rules';

const line = (sku: string, state: ReservationLine['state'], quantity = 2, restockedQuantity = 0): ReservationLine => ({
  sku,
  state,
  quantity,
  restockedQuantity,
});

describe('sale of a reservation', () => {
  it('sells reserved lines', () => {
    expect(planSale([line('A', 'reserved', 2)])).toEqual({
      updates: [line('A', 'sold', 2)],
      movements: [{ sku: 'A', kind: 'sell', quantity: 2 }],
    });
  });

  it('is a no-op for lines already sold or released', () => {
    expect(planSale([line('A', 'sold'), line('B', 'released')])).toEqual({ updates: [], movements: [] });
  });
});

describe('cancellation', () => {
  it('releases an unpaid reservation', () => {
    expect(planCancellation([line('A', 'reserved', 3)]).movements).toEqual([{ sku: 'A', kind: 'release', quantity: 3 }]);
  });

  it('restocks what a paid order has not restocked yet', () => {
    const plan = planCancellation([line('A', 'sold', 3, 1)]);
    expect(plan.movements).toEqual([{ sku: 'A', kind: 'restock', quantity: 2 }]);
    expect(plan.updates).toEqual([line('A', 'sold', 3, 3)]);
  });

  it('changes nothing the second time', () => {
    const once = planCancellation([line('A', 'reserved'), line('B', 'sold')]);
    expect(planCancellation(once.updates)).toEqual({ updates: [], movements: [] });
  });
});

describe('restock of refunded items', () => {
  it('restocks at most what the order sold and has not restocked', () => {
    const plan = planRestock([line('A', 'sold', 3, 1), line('B', 'sold', 2)], new Map([['A', 5], ['B', 1]]));
    expect(plan.movements).toEqual([
      { sku: 'A', kind: 'restock', quantity: 2 },
      { sku: 'B', kind: 'restock', quantity: 1 },
    ]);
  });

  it('ignores lines that were never sold and SKUs not in the order', () => {
    expect(planRestock([line('A', 'reserved'), line('B', 'released')], new Map([['A', 1], ['B', 1], ['C', 1]]))).toEqual({
      updates: [],
      movements: [],
    });
  });

  it('is a no-op when the same full restock comes twice', () => {
    const requested = new Map([['A', 2]]);
    const once = planRestock([line('A', 'sold', 2)], requested);
    expect(planRestock(once.updates, requested)).toEqual({ updates: [], movements: [] });
  });
});
