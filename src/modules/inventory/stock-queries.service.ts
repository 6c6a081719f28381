import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor, type Page } from '../../common/http/pagination';
import type { StockItemRow } from './dto/stock-item.dto';
import { StockItemNotFoundError } from './inventory.errors';
import { LEDGER_COLUMNS, type LedgerRow } from './stock-movements.service';

export const STOCK_ITEM_COLUMNS = `sku, on_hand AS "onHand", reserved, reorder_level AS "reorderLevel", updated_at AS "updatedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads of stock and its ledger; keyset pages (by SKU, by ledger id), never offsets. */
@Injectable()
export class StockQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async item(sku: string): Promise<StockItemRow> {
    const [row]: StockItemRow[] = await this.dataSource.query(
      `SELECT ${STOCK_ITEM_COLUMNS} FROM inventory.stock_items WHERE sku = $1`,
      [sku],
    );
    if (!row) throw new StockItemNotFoundError();
    return row;
  }

  async list(query: { lowStock?: boolean; limit: number; cursor?: string }): Promise<Page<StockItemRow>> {
    const after = this.position(query.cursor, 'sku', (v) => typeof v === 'string');
    const where = [query.lowStock ? 'on_hand - reserved <= reorder_level' : 'true'];
    const params: unknown[] = [query.limit + 1];
    if (after !== undefined) where.push(`sku > $${params.push(after)}`);
    const rows: StockItemRow[] = await this.dataSource.query(
      `SELECT ${STOCK_ITEM_COLUMNS} FROM inventory.stock_items WHERE ${where.join(' AND ')} ORDER BY sku LIMIT $1`,
      params,
    );
    return this.page(rows, query.limit, (last) => ({ sku: last.sku }));
  }

  /** A SKU's movements, newest first. */
  async ledger(sku: string, query: { limit: number; cursor?: string }): Promise<Page<LedgerRow>> {
    const before = this.position(query.cursor, 'id', (v) => typeof v === 'string' && UUID.test(v));
    await this.item(sku);
    const rows: LedgerRow[] = await this.dataSource.query(
      `SELECT ${LEDGER_COLUMNS} FROM inventory.ledger_entries
       WHERE sku = $1 AND ($2::uuid IS NULL OR id < $2::uuid) ORDER BY id DESC LIMIT $3`,
      [sku, before ?? null, query.limit + 1],
    );
    return this.page(rows, query.limit, (last) => ({ id: last.id }));
  }

  private position(cursor: string | undefined, key: string, valid: (value: unknown) => boolean): string | undefined {
    const position = decodeCursor<Record<string, unknown>>(cursor);
    if (position === undefined) return undefined;
    if (!valid(position[key])) throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid' }]);
    return position[key] as string;
  }

  private page<T>(rows: T[], limit: number, positionOf: (last: T) => Record<string, unknown>): Page<T> {
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    return { items, nextCursor: more ? encodeCursor(positionOf(items[items.length - 1])) : null };
  }
}
