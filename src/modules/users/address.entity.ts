import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A customer's saved postal address; the same shape checkout takes as `shippingAddress`. */
@Entity({ schema: 'users', name: 'addresses' })
@Index('addresses_user_idx', ['userId', 'id'])
@Index('addresses_one_default_uq', ['userId'], { unique: true, where: 'is_default' })
export class Address {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text', { nullable: true }) label: string | null;
  @Column('text') fullName: string;
  @Column('text') line1: string;
  @Column('text', { nullable: true }) line2: string | null;
  @Column('text') city: string;
  @Column('text') postalCode: string;
  @Column('text', { nullable: true }) region: string | null;
  @Column('char', { length: 2 }) country: string;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('boolean', { default: false }) isDefault: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
