import type { Money } from '../../common/money';

/** Minor units per major unit, as ISO 4217 and Intl know them (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats integer minor units for people, e.g. `{ amount: 1999, currency: 'EUR' }` -> "€19.99".
 * The amount goes to Intl as a decimal string (`1999E-2`), so no float ever touches it. A value
 * without its own currency is in the store currency.
 */
export function formatMoney(money: Money | number, locale: string, storeCurrency: string): string {
  const { amount, currency } = typeof money === 'number' ? { amount: money, currency: storeCurrency } : money;
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money amount must be an integer of minor units, got ${amount}`);
  const digits = currencyDigits(currency);
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // Intl.NumberFormat accepts decimal strings (ES2023); the typings only know numbers.
  return format.format(`${amount}E-${digits}` as unknown as number);
}
