import { computeTotals, divideRounded, parseTaxRates, PricingRules, shippingCost, taxOn } from './cart-totals';

const rules = (overrides: Partial<PricingRules> = {}): PricingRules => ({
  shippingStandard: 499,
  shippingExpress: 1499,
  freeShippingThreshold: 5000,
  taxRates: parseTaxRates('DE:19,FR:20,US:0,CH:7.7,DEFAULT:21'),
  pricesIncludeTax: true,
  rounding: 'half-up',
  ...overrides,
});

describe('divideRounded', () => {
  it('rounds half up', () => {
    expect(divideRounded(5, 2, 'half-up')).toBe(3);
    expect(divideRounded(7, 2, 'half-up')).toBe(4);
    expect(divideRounded(249, 100, 'half-up')).toBe(2);
    expect(divideRounded(251, 100, 'half-up')).toBe(3);
  });

  it("rounds half to even (banker's)", () => {
    expect(divideRounded(5, 2, 'half-even')).toBe(2);
    expect(divideRounded(7, 2, 'half-even')).toBe(4);
    expect(divideRounded(250, 100, 'half-even')).toBe(2);
    expect(divideRounded(350, 100, 'half-even')).toBe(4);
    expect(divideRounded(351, 100, 'half-even')).toBe(4);
  });

  it('stays exact when the intermediate product passes 2^53', () => {
    // 123456789012345 x 1900 = 234567899123455500, / 10000 = 23456789912345.55
    expect(taxOn(123_456_789_012_345, 1900, rules({ pricesIncludeTax: false }))).toBe(23_456_789_912_346);
  });
});

describe('parseTaxRates', () => {
  it('reads percentages per country and the default', () => {
    expect(parseTaxRates('DE:19, CH:7.7,DEFAULT:0')).toEqual({ byCountry: { DE: 1900, CH: 770 }, fallback: 0 });
  });

  it('falls back to 0 % without a DEFAULT', () => {
    expect(parseTaxRates('DE:19').fallback).toBe(0);
  });

  it('refuses malformed entries', () => {
    expect(() => parseTaxRates('de:19')).toThrow();
    expect(() => parseTaxRates('DE=19')).toThrow();
    expect(() => parseTaxRates('DE:19.123')).toThrow();
  });
});

describe('shipping', () => {
  it('charges standard below the threshold and nothing at or above it', () => {
    expect(shippingCost(4999, 'standard', rules())).toBe(499);
    expect(shippingCost(5000, 'standard', rules())).toBe(0);
    expect(shippingCost(12000, 'standard', rules())).toBe(0);
  });

  it('always charges express', () => {
    expect(shippingCost(4999, 'express', rules())).toBe(1499);
    expect(shippingCost(50_000, 'express', rules())).toBe(1499);
  });

  it('never makes shipping free when the threshold is 0', () => {
    expect(shippingCost(1_000_000, 'standard', rules({ freeShippingThreshold: 0 }))).toBe(499);
  });

  it('ships an empty cart for nothing', () => {
    expect(shippingCost(0, 'express', rules())).toBe(0);
  });
});

describe('tax', () => {
  it('extracts the tax contained in inclusive prices', () => {
    // 119.00 gross at 19 % contains exactly 19.00
    expect(taxOn(11900, 1900, rules())).toBe(1900);
    // 10.00 gross at 19 % contains 1.596... -> 1.60
    expect(taxOn(1000, 1900, rules())).toBe(160);
  });

  it('adds tax on exclusive prices', () => {
    expect(taxOn(1000, 1900, rules({ pricesIncludeTax: false }))).toBe(190);
    // 0.05 x 10 % = 0.005 -> 0.01 half up, 0.00 half even
    expect(taxOn(5, 1000, rules({ pricesIncludeTax: false }))).toBe(1);
    expect(taxOn(5, 1000, rules({ pricesIncludeTax: false, rounding: 'half-even' }))).toBe(0);
  });

  it('handles fractional rates', () => {
    // 10.00 net at 7.7 % = 0.77
    expect(taxOn(1000, 770, rules({ pricesIncludeTax: false }))).toBe(77);
  });
});

describe('computeTotals', () => {
  it('computes inclusive totals: total is subtotal + shipping, tax is contained', () => {
    const totals = computeTotals(
      [{ unitPrice: 1999, quantity: 2 }],
      { shippingMethod: 'standard', country: 'DE' },
      rules(),
    );
    // subtotal 39.98 + shipping 4.99 = 44.97 gross; tax = 44.97 x 19/119 = 7.180... -> 7.18
    expect(totals).toEqual({ subtotal: 3998, shipping: 499, tax: 718, total: 4497, taxRatePercent: 19, taxIncluded: true });
  });

  it('computes exclusive totals: tax is added on subtotal and shipping', () => {
    const totals = computeTotals(
      [{ unitPrice: 1000, quantity: 1 }, { unitPrice: 250, quantity: 3 }],
      { shippingMethod: 'express', country: 'FR' },
      rules({ pricesIncludeTax: false }),
    );
    // 17.50 + 14.99 = 32.49; 20 % = 6.498 -> 6.50
    expect(totals).toEqual({ subtotal: 1750, shipping: 1499, tax: 650, total: 3899, taxRatePercent: 20, taxIncluded: false });
  });

  it('makes standard shipping free above the threshold', () => {
    const totals = computeTotals([{ unitPrice: 2500, quantity: 2 }], { shippingMethod: 'standard', country: 'US' }, rules());
    expect(totals).toMatchObject({ subtotal: 5000, shipping: 0, tax: 0, total: 5000 });
  });

  it('uses the default rate for unlisted countries, case-insensitively for listed ones', () => {
    const lines = [{ unitPrice: 12100, quantity: 1 }];
    expect(computeTotals(lines, { shippingMethod: 'standard', country: 'IT' }, rules()).tax).toBe(2100);
    expect(computeTotals(lines, { shippingMethod: 'standard', country: 'de' }, rules()).taxRatePercent).toBe(19);
  });

  it('rounds the tax once on the whole amount, not per line', () => {
    // Three lines of 0.05 at 10 % exclusive: per line 0.005 each would round to 0.01 x 3 = 0.03;
    // on the whole 0.15 it is 0.015 -> 0.02 (half up).
    const lines = [1, 2, 3].map(() => ({ unitPrice: 5, quantity: 1 }));
    const exclusive = rules({ pricesIncludeTax: false, taxRates: parseTaxRates('DEFAULT:10'), shippingStandard: 0 });
    expect(computeTotals(lines, { shippingMethod: 'standard', country: 'XX' }, exclusive).tax).toBe(2);
  });

  it('is all zeros for an empty cart', () => {
    expect(computeTotals([], { shippingMethod: 'express', country: 'DE' }, rules())).toMatchObject({
      subtotal: 0, shipping: 0, tax: 0, total: 0,
    });
  });
});
