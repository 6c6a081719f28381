import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** What is on the shelf for one SKU and how much of it orders hold; available = onHand - reserved. */
@Entity({ schema: 'inventory', name: 'stock_items' })
@Check('stock_items_on_hand_not_negative', '"on_hand" >= 0')
@Check('stock_items_reserved_not_negative', '"reserved" >= 0')
@Check('stock_items_reserved_within_on_hand', '"reserved" <= "on_hand"')
@Check('stock_items_reorder_level_not_negative', '"reorder_level" >= 0')
@Index('stock_items_low_stock_idx', ['sku'], { where: 'on_hand - reserved <= reorder_level' })
export class StockItem {
  /** Byte order (collation C): the same SKU order on every server, for keyset pages and lock order. */
  @PrimaryColumn('text', { collation: 'C' }) sku: string;
  @Column('integer', { default: 0 }) onHand: number;
  @Column('integer', { default: 0 }) reserved: number;
  @Column('integer', { default: 0 }) reorderLevel: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
