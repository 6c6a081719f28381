import { QueryFailedError } from 'typeorm';
import { SkuTakenError, SlugTakenError } from './catalog.errors';

/**
 * Two admins creating the same slug or SKU at once both pass the existence check; the unique index
 * stops the second, and this turns its error into the same 409 the check gives.
 */
export function translateUniqueViolation(err: unknown, attempted: { slug?: string; skus?: string[] }): never {
  if (err instanceof QueryFailedError) {
    const driverError = err.driverError as { code?: string; constraint?: string };
    if (driverError.code === '23505') {
      if (driverError.constraint?.includes('slug')) throw new SlugTakenError(attempted.slug ?? '');
      if (driverError.constraint === 'variants_sku_key') throw new SkuTakenError(attempted.skus ?? []);
    }
  }
  throw err;
}
