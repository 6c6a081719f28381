import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ProblemDto } from '../../../common/errors/problem';

/** 409 `CART.ALREADY_CHECKED_OUT`: the cart became this order. */
export class CartConflictProblemDto extends ProblemDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'CART.ALREADY_CHECKED_OUT: the order the cart became' })
  orderId?: string | null;
}

/** 422 on adding a line: which variant, and why. */
export class CartLineProblemDto extends ProblemDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The variant refused' }) variantId?: string;
  @ApiPropertyOptional({ enum: ['unknown', 'not_sellable', 'other_currency'], description: 'CART.VARIANT_NOT_SELLABLE: why' })
  reason?: string;
  @ApiPropertyOptional({ description: 'CART.QUANTITY_LIMIT_EXCEEDED: the quantity already in the cart' }) quantityInCart?: number;
  @ApiPropertyOptional({ example: 99, description: 'CART.QUANTITY_LIMIT_EXCEEDED: the most one line may hold' }) maxQuantity?: number;
}

export class StockShortageDto {
  @ApiProperty({ example: 'JACKET-M-BLUE' }) sku: string;
  @ApiProperty({ example: 3 }) requested: number;
  @ApiProperty({ example: 1 }) available: number;
}

/** 409 on checkout: short stock, a cart already checked out, or the same key in flight. */
export class CheckoutConflictProblemDto extends CartConflictProblemDto {
  @ApiPropertyOptional({ type: [StockShortageDto], description: 'INVENTORY.INSUFFICIENT_STOCK: every line that is short' })
  shortages?: StockShortageDto[];
}

export class UnsellableLineDto {
  @ApiProperty({ format: 'uuid' }) variantId: string;
  @ApiProperty({ nullable: true, type: String, example: 'JACKET-M-BLUE' }) sku: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Leather jacket (M, blue)' }) name: string | null;
}

/** 422 on checkout: an empty cart, lines that can no longer be bought, or a key reused with another body. */
export class CheckoutRefusedProblemDto extends ProblemDto {
  @ApiPropertyOptional({ type: [UnsellableLineDto], description: 'CART.LINES_NOT_SELLABLE: the lines to remove' })
  lines?: UnsellableLineDto[];
}
