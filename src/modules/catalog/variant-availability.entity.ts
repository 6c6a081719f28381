import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The catalog's copy of what inventory says is available, per SKU (fed by `inventory.stock-changed`). */
@Entity({ schema: 'catalog', name: 'variant_availability' })
export class VariantAvailability {
  @PrimaryColumn('text') sku: string;
  @Column('integer') available: number;
  @Column('boolean') inStock: boolean;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
