import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Who bought what (fed by `orders.order-paid`): the right to review a product. */
@Entity({ schema: 'catalog', name: 'purchases' })
export class Purchase {
  @PrimaryColumn('uuid') customerId: string;
  @PrimaryColumn('uuid') productId: string;
  @CreateDateColumn({ type: 'timestamptz' }) purchasedAt: Date;
}
