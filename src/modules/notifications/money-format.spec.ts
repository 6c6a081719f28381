import { currencyDigits, formatMoney } from './money-format';

describe('formatMoney', () => {
  it('formats euro cents for the store locale', () => {
    expect(formatMoney({ amount: 1999, currency: 'EUR' }, 'en-US', 'EUR')).toBe('€19.99');
    expect(formatMoney({ amount: 123456, currency: 'EUR' }, 'de-DE', 'EUR')).toBe('1.234,56\u00a0€');
  });

  it('knows currencies without minor units and with three of them', () => {
    expect(currencyDigits('JPY')).toBe(0);
    expect(formatMoney({ amount: 1500, currency: 'JPY' }, 'en-US', 'EUR')).toBe('¥1,500');
    expect(currencyDigits('KWD')).toBe(3);
    expect(formatMoney({ amount: 1234, currency: 'KWD' }, 'en-US', 'EUR')).toBe('KWD\u00a01.234');
  });

  it('uses the store currency for a bare amount', () => {
    expect(formatMoney(500, 'en-US', 'USD')).toBe('$5.00');
    expect(formatMoney(500, 'en-GB', 'GBP')).toBe('£5.00');
  });

  it('keeps every digit of large amounts and handles zero and negatives', () => {
    expect(formatMoney({ amount: 9_007_199_254_740_991, currency: 'EUR' }, 'en-US', 'EUR')).toBe('€90,071,992,547,409.91');
    expect(formatMoney({ amount: 0, currency: 'EUR' }, 'en-US', 'EUR')).toBe('€0.00');
    expect(formatMoney({ amount: -250, currency: 'EUR' }, 'en-US', 'EUR')).toBe('-€2.50');
  });

  it('refuses fractional minor units', () => {
    expect(() => formatMoney({ amount: 19.99, currency: 'EUR' }, 'en-US', 'EUR')).toThrow(RangeError);
  });
});
