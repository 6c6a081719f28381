/** A line of an order as inventory holds it: reserved, then released or sold (and maybe restocked). */
export const RESERVATION_STATES = ['reserved', 'released', 'sold'] as const;
export type ReservationState = (typeof RESERVATION_STATES)[number];

export interface ReservationLine {
  sku: string;
  quantity: number;
  /** Units of a sold line that came back on the shelf (refunds, cancellation after payment). */
  restockedQuantity: number;
  state: ReservationState;
}

export interface PlannedMovement {
  sku: string;
  kind: 'release' | 'sell' | 'restock';
  quantity: number;
}

/** The new state of the lines that change, and the stock movements that go with them. */
export interface ReservationPlan {
  updates: ReservationLine[];
  movements: PlannedMovement[];
}

const EMPTY: ReservationPlan = { updates: [], movements: [] };

function plan(lines: ReservationLine[], step: (line: ReservationLine) => [ReservationLine, PlannedMovement] | null): ReservationPlan {
  const result: ReservationPlan = { updates: [], movements: [] };
  for (const line of lines) {
    const change = step(line);
    if (!change) continue;
    result.updates.push(change[0]);
    result.movements.push(change[1]);
  }
  return result.updates.length ? result : EMPTY;
}

/** Paid: reserved lines become sales. Lines already sold or released are left alone. */
export const planSale = (lines: ReservationLine[]): ReservationPlan =>
  plan(lines, (line) =>
    line.state === 'reserved'
      ? [{ ...line, state: 'sold' }, { sku: line.sku, kind: 'sell', quantity: line.quantity }]
      : null,
  );

/**
 * Cancelled: an unpaid reservation is released; sold units not yet back on the shelf are
 * restocked (cancellation after payment). Applying it twice changes nothing the second time.
 */
export const planCancellation = (lines: ReservationLine[]): ReservationPlan =>
  plan(lines, (line) => {
    if (line.state === 'reserved') {
      return [{ ...line, state: 'released' }, { sku: line.sku, kind: 'release', quantity: line.quantity }];
    }
    const remaining = line.quantity - line.restockedQuantity;
    if (line.state === 'sold' && remaining > 0) {
      return [{ ...line, restockedQuantity: line.quantity }, { sku: line.sku, kind: 'restock', quantity: remaining }];
    }
    return null;
  });

/**
 * Refunded items back on the shelf: at most what the order sold and has not restocked yet, so a
 * repeated restock of a whole line is a no-op and no order can put back more than it took.
 */
export const planRestock = (lines: ReservationLine[], requested: Map<string, number>): ReservationPlan =>
  plan(lines, (line) => {
    const quantity = Math.min(requested.get(line.sku) ?? 0, line.quantity - line.restockedQuantity);
    if (line.state !== 'sold' || quantity <= 0) return null;
    return [
      { ...line, restockedQuantity: line.restockedQuantity + quantity },
      { sku: line.sku, kind: 'restock', quantity },
    ];
  });
