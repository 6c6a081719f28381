import { IsInt, Matches, Max, Min } from 'class-validator';

/** Order timing and reporting. */
export class OrdersConfig {
  /** An order still unpaid after this long is cancelled and its stock released. */
  @IsInt() @Min(1) @Max(7 * 24 * 60)
  PAYMENT_TIMEOUT_MINUTES = 30;

  /** When above 0, replaces PAYMENT_TIMEOUT_MINUTES (tests and demos shorten the timeout with it). */
  @IsInt() @Min(0)
  PAYMENT_TIMEOUT_SECONDS = 0;

  /**
   * An order whose customer chose a manual payment (bank transfer, cash on delivery) is cancelled
   * this long after the payment was requested instead: staff confirm those by hand.
   */
  @IsInt() @Min(1) @Max(30 * 24)
  MANUAL_PAYMENT_TIMEOUT_HOURS = 72;

  /** The currency sales reports are in. */
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code such as EUR' })
  STORE_CURRENCY = 'EUR';
}

export const paymentTimeoutMs = (config: OrdersConfig): number =>
  config.PAYMENT_TIMEOUT_SECONDS > 0 ? config.PAYMENT_TIMEOUT_SECONDS * 1000 : config.PAYMENT_TIMEOUT_MINUTES * 60_000;

export const manualPaymentTimeoutMs = (config: OrdersConfig): number => config.MANUAL_PAYMENT_TIMEOUT_HOURS * 3_600_000;
