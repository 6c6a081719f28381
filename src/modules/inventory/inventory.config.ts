import { IsInt, Max, Min } from 'class-validator';

/** Inventory settings; property names are the environment variables, initialisers the defaults. */
export class InventoryConfig {
  /** How long a reservation waits for a SKU's row lock before giving up (503, checkout may retry). */
  @IsInt() @Min(50) @Max(60_000)
  INVENTORY_LOCK_TIMEOUT_MS = 3000;

  /** Reorder level of a stock item created for a new SKU. */
  @IsInt() @Min(0) @Max(1_000_000)
  INVENTORY_DEFAULT_REORDER_LEVEL = 0;
}
