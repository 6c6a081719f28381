import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MovementKind } from './stock-rules';

/** One stock movement. A SKU's entries sum to its stock item (there are no other writes). */
@Entity({ schema: 'inventory', name: 'ledger_entries' })
@Check('ledger_entries_kind_known', `"kind" IN ('receive', 'adjust', 'reserve', 'release', 'sell', 'restock')`)
@Index('ledger_entries_sku_idx', ['sku', 'id'])
export class LedgerEntry {
  /** UUID v7: time-ordered, the ledger's order. */
  @PrimaryColumn('uuid') id: string;
  @Column('text') sku: string;
  @Column('text') kind: MovementKind;
  @Column('integer') onHandDelta: number;
  @Column('integer') reservedDelta: number;
  @Column('integer') onHandAfter: number;
  @Column('integer') reservedAfter: number;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) orderId: string | null;
  /** The staff member behind a manual movement; null for movements caused by orders. */
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}
