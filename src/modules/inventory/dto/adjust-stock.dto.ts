import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { LedgerEntryDto } from './ledger-entry.dto';
import { StockItemDto } from './stock-item.dto';

/** A relative correction of on hand (damage, loss, found units), with the reason for the ledger. */
export class AdjustStockDto {
  @ApiProperty({ example: -2, description: 'Units added (positive) or removed (negative); not 0' })
  @IsInt() @NotEquals(0) @Min(-1_000_000) @Max(1_000_000)
  delta: number;

  @ApiProperty({ example: 'damaged in the warehouse', maxLength: 200 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString() @IsNotEmpty() @MaxLength(200)
  reason: string;
}

export class AdjustmentDto {
  @ApiProperty({ type: LedgerEntryDto }) entry: LedgerEntryDto;
  @ApiProperty({ type: StockItemDto }) item: StockItemDto;
}
