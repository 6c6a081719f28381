import type { Money } from '../../common/money';

/** Building an Intl.NumberFormat costs far more than using one, and every mail formats several amounts. */
const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formats.set(key, format);
  }
  return format;
}

const digitsByCurrency = new Map<string, number>();

/** Minor units per major unit, as ISO 4217 and Intl know them (EUR 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    // resolvedOptions() builds a fresh object each call: it showed up in the worker's profile.
    digits = currencyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
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
  const format = currencyFormat(locale, currency);
  // Intl.NumberFormat accepts decimal strings (ES2023); the typings only know numbers.
  return format.format(`${amount}E-${digits}` as unknown as number);
}
