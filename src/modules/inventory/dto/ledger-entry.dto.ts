import { ApiProperty } from '@nestjs/swagger';
import type { LedgerRow } from '../stock-movements.service';
import { MOVEMENT_KINDS, type MovementKind } from '../stock-rules';

/** One movement of stock; a SKU's entries sum to its on-hand and reserved figures. */
export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'JKT-LTH-M-BLU' }) sku: string;
  @ApiProperty({ enum: MOVEMENT_KINDS, example: 'reserve' }) kind: MovementKind;
  @ApiProperty({ example: 0, description: 'Change of on hand' }) onHandDelta: number;
  @ApiProperty({ example: 2, description: 'Change of reserved' }) reservedDelta: number;
  @ApiProperty({ example: 10, description: 'On hand after the movement' }) onHandAfter: number;
  @ApiProperty({ example: 5, description: 'Reserved after the movement' }) reservedAfter: number;
  @ApiProperty({ type: String, nullable: true, example: 'order placed' }) reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The order that caused it' })
  orderId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member who made it' })
  actorId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) at: string;

  static of(row: LedgerRow): LedgerEntryDto {
    return { ...row, at: new Date(row.at).toISOString() };
  }
}

export class LedgerPageDto {
  @ApiProperty({ type: [LedgerEntryDto], description: 'Newest first' }) items: LedgerEntryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}
