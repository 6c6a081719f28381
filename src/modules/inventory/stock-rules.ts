import type { StockShortage } from './inventory.events';

/** The kinds of ledger movement; every change of a stock item is one of them. */
export const MOVEMENT_KINDS = ['receive', 'adjust', 'reserve', 'release', 'sell', 'restock'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Upper bound of on-hand stock: keeps arithmetic far from the integer column's limit. */
export const MAX_ON_HAND = 1_000_000_000;

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  reorderLevel: number;
}

export interface Deltas {
  onHandDelta: number;
  reservedDelta: number;
}

export const available = (level: Pick<StockLevel, 'onHand' | 'reserved'>): number => level.onHand - level.reserved;

export const isInStock = (level: Pick<StockLevel, 'onHand' | 'reserved'>): boolean => available(level) > 0;

/** Low when what can still be sold is at or below the reorder level. */
export const isLow = (level: StockLevel): boolean => available(level) <= level.reorderLevel;

/** `inventory.stock-low` fires on the way down only: from above the level to at-or-below it. */
export const crossedIntoLow = (before: StockLevel, after: StockLevel): boolean => !isLow(before) && isLow(after);

/** What a movement of `quantity` units does to on-hand and reserved stock. */
export function movementDeltas(kind: 'reserve' | 'release' | 'sell' | 'restock', quantity: number): Deltas {
  switch (kind) {
    case 'reserve':
      return { onHandDelta: 0, reservedDelta: quantity };
    case 'release':
      return { onHandDelta: 0, reservedDelta: -quantity };
    case 'sell':
      return { onHandDelta: -quantity, reservedDelta: -quantity };
    case 'restock':
      return { onHandDelta: quantity, reservedDelta: 0 };
  }
}

/** Why a level breaks the invariants the database also enforces, or null when it holds. */
export function invariantViolation(level: Pick<StockLevel, 'onHand' | 'reserved'>): string | null {
  if (level.onHand < 0) return 'on hand below zero';
  if (level.reserved < 0) return 'reserved below zero';
  if (level.reserved > level.onHand) return 'reserved above on hand';
  return null;
}

/** The level after a movement; throws when the movement would break an invariant (a caller's bug). */
export function applyDeltas(level: StockLevel, deltas: Deltas, reorderLevel?: number): StockLevel {
  const after = {
    sku: level.sku,
    onHand: level.onHand + deltas.onHandDelta,
    reserved: level.reserved + deltas.reservedDelta,
    reorderLevel: reorderLevel ?? level.reorderLevel,
  };
  const violation = invariantViolation(after);
  if (violation) throw new Error(`stock movement of ${level.sku} refused: ${violation}`);
  return after;
}

/** Setting on-hand to a counted figure: more is a receipt, less an adjustment. */
export function onHandChange(current: number, target: number): { kind: 'receive' | 'adjust'; delta: number } {
  const delta = target - current;
  return { kind: delta > 0 ? 'receive' : 'adjust', delta };
}

/** Sums order lines per SKU (an order may name a SKU twice), in SKU order. */
export function quantitiesBySku(lines: { sku: string; quantity: number }[]): Map<string, number> {
  const bySku = new Map<string, number>();
  for (const { sku, quantity } of lines) {
    if (!Number.isInteger(quantity) || quantity <= 0) throw new Error(`quantity of ${sku} must be a positive integer`);
    bySku.set(sku, (bySku.get(sku) ?? 0) + quantity);
  }
  return new Map([...bySku].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The lines that cannot be reserved; an unknown SKU has nothing available. */
export function findShortages(levels: Map<string, StockLevel>, wanted: Map<string, number>): StockShortage[] {
  const shortages: StockShortage[] = [];
  for (const [sku, requested] of wanted) {
    const level = levels.get(sku);
    const free = level ? available(level) : 0;
    if (free < requested) shortages.push({ sku, requested, available: free });
  }
  return shortages;
}

/** What a SKU's ledger adds up to; it must equal the stock item at all times. */
export function sumLedger(entries: Deltas[]): { onHand: number; reserved: number } {
  return entries.reduce(
    (sum, e) => ({ onHand: sum.onHand + e.onHandDelta, reserved: sum.reserved + e.reservedDelta }),
    { onHand: 0, reserved: 0 },
  );
}
