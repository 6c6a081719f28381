import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Payments settings. Without `STRIPE_SECRET_KEY` only the `manual` provider is offered. */
export class PaymentsConfig {
  /** Secret API key (`sk_...` or a restricted `rk_...`); enables the `stripe` provider. */
  @IsOptional() @IsString()
  STRIPE_SECRET_KEY: string | undefined = undefined;

  /** Signing secret of the webhook endpoint (`whsec_...`); without it webhooks are refused. */
  @IsOptional() @IsString()
  STRIPE_WEBHOOK_SECRET: string | undefined = undefined;

  /** Another Stripe API base URL, e.g. `http://127.0.0.1:12111` for an emulator in tests. */
  @IsOptional() @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'STRIPE_API_BASE must be an http(s) origin such as http://127.0.0.1:12111' })
  STRIPE_API_BASE: string | undefined = undefined;

  /** The SDK retries network errors, 409s and 5xx this many times, with the same idempotency key. */
  @IsInt() @Min(0) @Max(10)
  STRIPE_MAX_NETWORK_RETRIES = 2;

  @IsInt() @Min(1000)
  STRIPE_TIMEOUT_MS = 20_000;

  /** ISO-4217 code of the store's prices. */
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO-4217 code such as EUR' })
  STORE_CURRENCY = 'EUR';

  /** A Stripe payment still open this long is asked about (a lost webhook never leaves an order unpaid). */
  @IsInt() @Min(0)
  RECONCILE_AFTER_SECONDS = 300;

  /** How often the reconciliation job runs. */
  @IsInt() @Min(100)
  RECONCILE_EVERY_MS = 60_000;
}

/**
 * The schedule is needed when the job's decorator is evaluated, before Nest reads the config;
 * `PaymentsConfig` validates the same variable at start-up.
 */
export const reconcileEveryMs = (): number => {
  const value = Number(process.env.RECONCILE_EVERY_MS);
  return Number.isInteger(value) && value >= 100 ? value : new PaymentsConfig().RECONCILE_EVERY_MS;
};
