import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { parseTaxRates, PricingRules, Rounding } from './cart-totals';

const toBool = ({ value }: { value: unknown }) => value === true || value === 'true' || value === '1';

/** Prices, shipping, tax and cart lifetimes. Amounts are integer minor units of STORE_CURRENCY. */
export class CartConfig {
  @Matches(/^[A-Z]{3}$/, { message: 'STORE_CURRENCY must be an ISO 4217 code such as EUR' })
  STORE_CURRENCY = 'EUR';

  @IsInt() @Min(0)
  SHIPPING_STANDARD_MINOR = 499;

  @IsInt() @Min(0)
  SHIPPING_EXPRESS_MINOR = 1499;

  /** Standard shipping is free at or above this subtotal; 0 turns free shipping off. */
  @IsInt() @Min(0)
  FREE_SHIPPING_THRESHOLD_MINOR = 5000;

  /** Percent per ISO country code, plus DEFAULT for the others, e.g. `DE:19,FR:20,US:0,DEFAULT:19`. */
  @Matches(/^\s*([A-Z]{2}|DEFAULT):(\d{1,2}(\.\d{1,2})?|100)\s*(,\s*([A-Z]{2}|DEFAULT):(\d{1,2}(\.\d{1,2})?|100)\s*)*$/, {
    message: 'TAX_RATES must look like DE:19,FR:20,US:0,DEFAULT:19',
  })
  TAX_RATES = 'DE:19,FR:20,US:0,DEFAULT:19';

  /** The country whose tax a cart shows until the shopper says otherwise (`?country=`). */
  @Matches(/^[A-Z]{2}$/, { message: 'DEFAULT_COUNTRY must be an ISO 3166-1 alpha-2 code' })
  DEFAULT_COUNTRY = 'DE';

  /** true: catalog prices and shipping include tax (EU B2C); false: tax is added on top. */
  @Transform(toBool) @IsBoolean()
  PRICES_INCLUDE_TAX = true;

  /** `half-up` (0.5 -> 1) or `half-even` (banker's rounding), for the tax. */
  @IsIn(['half-up', 'half-even'])
  TAX_ROUNDING: Rounding = 'half-up';

  @IsInt() @Min(1) @Max(365)
  GUEST_CART_TTL_DAYS = 7;

  @IsInt() @Min(1) @Max(3650)
  CUSTOMER_CART_TTL_DAYS = 30;

  @IsInt() @Min(1) @Max(24 * 365)
  CART_ABANDONED_AFTER_HOURS = 24;
}

export const pricingRules = (config: CartConfig): PricingRules => ({
  shippingStandard: config.SHIPPING_STANDARD_MINOR,
  shippingExpress: config.SHIPPING_EXPRESS_MINOR,
  freeShippingThreshold: config.FREE_SHIPPING_THRESHOLD_MINOR,
  taxRates: parseTaxRates(config.TAX_RATES),
  pricesIncludeTax: config.PRICES_INCLUDE_TAX,
  rounding: config.TAX_ROUNDING,
});
