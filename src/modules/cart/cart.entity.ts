import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export type CartStatus = 'active' | 'checked_out';

/**
 * A shopper's cart: a customer's (`customerId`) or a guest's (`tokenHash`, the sha256 of the
 * cart token). `updatedAt` is the last change, what idleness is measured from.
 *
 * No index covers `updatedAt` or `version`, which every change of the cart sets: that keeps the
 * change a HOT update, one new row version and no new entry in any index (with an index on
 * `updatedAt`, every add to cart wrote one into all four). The housekeeping jobs that look for idle
 * carts run every quarter of an hour and hour, and scan.
 */
@Entity({ schema: 'cart', name: 'carts' })
@Index('carts_one_active_per_customer', ['customerId'], { unique: true, where: `status = 'active'` })
@Index('carts_token_hash', ['tokenHash'], { unique: true })
@Check('carts_status', `status IN ('active', 'checked_out')`)
@Check('carts_owner', `customer_id IS NOT NULL OR token_hash IS NOT NULL`)
export class Cart {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { nullable: true }) customerId: string | null;
  @Column('text', { nullable: true }) tokenHash: string | null;
  @Column('text', { default: 'active' }) status: CartStatus;
  @VersionColumn({ default: 1 }) version: number;
  /** The order this cart became. */
  @Column('uuid', { nullable: true }) orderId: string | null;
  @Column('timestamptz', { nullable: true }) checkedOutAt: Date | null;
  /** When `cart.cart-abandoned` went out (once per cart). */
  @Column('timestamptz', { nullable: true }) abandonedNotifiedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
