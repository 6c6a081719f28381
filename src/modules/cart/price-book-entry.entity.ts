import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The cart's copy of every variant's price and sellability, fed by catalog events in their transaction. */
@Entity({ schema: 'cart', name: 'price_book' })
@Index('price_book_product', ['productId'])
export class PriceBookEntry {
  @PrimaryColumn('uuid') variantId: string;
  @Column('uuid') productId: string;
  @Column('text') sku: string;
  @Column('text') name: string;
  @Column('integer') priceAmount: number;
  @Column('text') currency: string;
  @Column('boolean') sellable: boolean;
  /** `occurredAt` of the catalog event this row reflects; older events are ignored. */
  @Column('timestamptz') sourceOccurredAt: Date;
}
