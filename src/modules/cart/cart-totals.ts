import type { ShippingMethod } from './cart.events';

/**
 * Cart arithmetic, in integer minor units. Rules (documented in the README):
 * - a line total is unit price x quantity, exact;
 * - standard shipping is free when the subtotal is at or above the threshold (0 = never free);
 *   express shipping is always charged; an empty cart ships for nothing;
 * - tax is computed ONCE on the taxable amount (subtotal + shipping), never per line, and rounded
 *   to a whole minor unit with the configured mode: `half-up` (0.5 -> 1) or `half-even` (banker's,
 *   0.5 -> nearest even);
 * - with tax-inclusive prices the tax is the part contained in the amount (amount x r / (100 + r))
 *   and the total is subtotal + shipping; with tax-exclusive prices it is added (amount x r / 100).
 */
export type Rounding = 'half-up' | 'half-even';

/** Tax rates in basis points of a percent (19 % = 1900), per ISO country code, and the fallback. */
export interface TaxRates {
  byCountry: Record<string, number>;
  fallback: number;
}

export interface PricingRules {
  shippingStandard: number;
  shippingExpress: number;
  /** Standard shipping is free at or above this subtotal; 0 means never free. */
  freeShippingThreshold: number;
  taxRates: TaxRates;
  pricesIncludeTax: boolean;
  rounding: Rounding;
}

export interface PricedLine {
  unitPrice: number;
  quantity: number;
}

export interface CartTotals {
  subtotal: number;
  shipping: number;
  tax: number;
  total: number;
  /** The applied rate in percent, e.g. 19 or 7.7. */
  taxRatePercent: number;
  taxIncluded: boolean;
}

const TAX_RATE_ENTRY = /^([A-Z]{2}|DEFAULT):(\d{1,2}(?:\.\d{1,2})?|100)$/;

/** Parses `DE:19,FR:20,US:0,DEFAULT:19`; a missing DEFAULT means 0 % for unlisted countries. */
export function parseTaxRates(spec: string): TaxRates {
  const rates: TaxRates = { byCountry: {}, fallback: 0 };
  for (const entry of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = TAX_RATE_ENTRY.exec(entry);
    if (!match) throw new Error(`"${entry}" is not COUNTRY:PERCENT`);
    const basisPoints = Math.round(Number(match[2]) * 100);
    if (match[1] === 'DEFAULT') rates.fallback = basisPoints;
    else rates.byCountry[match[1]] = basisPoints;
  }
  return rates;
}

export const taxRateFor = (country: string, rates: TaxRates): number =>
  rates.byCountry[country.toUpperCase()] ?? rates.fallback;

/** numerator / denominator rounded to an integer; both non-negative, denominator > 0. Exact (BigInt). */
export function divideRounded(numerator: number | bigint, denominator: number | bigint, rounding: Rounding): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  const quotient = n / d;
  const twiceRemainder = 2n * (n - quotient * d);
  if (twiceRemainder > d) return Number(quotient + 1n);
  if (twiceRemainder < d) return Number(quotient);
  if (rounding === 'half-up') return Number(quotient + 1n);
  return Number(quotient % 2n === 0n ? quotient : quotient + 1n);
}

export const lineTotal = (line: PricedLine): number => line.unitPrice * line.quantity;

export function shippingCost(subtotal: number, method: ShippingMethod, rules: PricingRules): number {
  if (subtotal === 0) return 0;
  if (method === 'express') return rules.shippingExpress;
  const free = rules.freeShippingThreshold > 0 && subtotal >= rules.freeShippingThreshold;
  return free ? 0 : rules.shippingStandard;
}

/** The tax in `amount` (inclusive prices) or on top of it (exclusive prices). */
export function taxOn(amount: number, rateBasisPoints: number, rules: PricingRules): number {
  if (amount === 0 || rateBasisPoints === 0) return 0;
  const denominator = rules.pricesIncludeTax ? 10_000 + rateBasisPoints : 10_000;
  return divideRounded(BigInt(amount) * BigInt(rateBasisPoints), denominator, rules.rounding);
}

export function computeTotals(
  lines: PricedLine[],
  where: { shippingMethod: ShippingMethod; country: string },
  rules: PricingRules,
): CartTotals {
  const subtotal = lines.reduce((sum, line) => sum + lineTotal(line), 0);
  const shipping = shippingCost(subtotal, where.shippingMethod, rules);
  const rate = taxRateFor(where.country, rules.taxRates);
  const tax = taxOn(subtotal + shipping, rate, rules);
  return {
    subtotal,
    shipping,
    tax,
    total: rules.pricesIncludeTax ? subtotal + shipping : subtotal + shipping + tax,
    taxRatePercent: rate / 100,
    taxIncluded: rules.pricesIncludeTax,
  };
}
