import { ApiProperty } from '@nestjs/swagger';
import { available, isInStock, isLow, type StockLevel } from '../stock-rules';

/** What a storefront may know about a SKU. */
export class AvailabilityDto {
  @ApiProperty({ example: 'JKT-LTH-M-BLU' }) sku: string;
  @ApiProperty({ example: 7, description: 'Units that can still be ordered (on hand minus reserved)' }) available: number;
  @ApiProperty({ example: true }) inStock: boolean;

  static of(level: StockLevel): AvailabilityDto {
    return { sku: level.sku, available: available(level), inStock: isInStock(level) };
  }
}

export interface StockItemRow extends StockLevel {
  updatedAt: Date;
}

/** A stock item as staff see it. */
export class StockItemDto {
  @ApiProperty({ example: 'JKT-LTH-M-BLU' }) sku: string;
  @ApiProperty({ example: 10, description: 'Units on the shelf' }) onHand: number;
  @ApiProperty({ example: 3, description: 'Units held by orders not yet paid' }) reserved: number;
  @ApiProperty({ example: 7, description: 'onHand - reserved' }) available: number;
  @ApiProperty({ example: 5 }) reorderLevel: number;
  @ApiProperty({ example: true }) inStock: boolean;
  @ApiProperty({ example: false, description: 'available <= reorderLevel' }) lowStock: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;

  static of(row: StockItemRow): StockItemDto {
    return {
      sku: row.sku,
      onHand: row.onHand,
      reserved: row.reserved,
      available: available(row),
      reorderLevel: row.reorderLevel,
      inStock: isInStock(row),
      lowStock: isLow(row),
      updatedAt: new Date(row.updatedAt).toISOString(),
    };
  }
}

export class StockItemPageDto {
  @ApiProperty({ type: [StockItemDto] }) items: StockItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}
