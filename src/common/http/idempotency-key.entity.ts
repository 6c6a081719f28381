import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A client's Idempotency-Key, what it was sent with, and the first answer to it. */
@Entity({ schema: 'platform', name: 'idempotency_keys' })
export class IdempotencyKey {
  /** Route and caller, so two customers can use the same key. */
  @PrimaryColumn('text') scope: string;
  @PrimaryColumn('text') key: string;
  @Column('text') fingerprint: string;
  @Column('text') state: 'in_progress' | 'completed';
  @Column('integer', { nullable: true }) responseStatus: number | null;
  @Column('jsonb', { nullable: true }) responseBody: unknown;
  @Column('jsonb', { nullable: true }) responseHeaders: Record<string, string> | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
