import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxPendingInRelayOrder1796414978744 implements MigrationInterface {
    name = 'OutboxPendingInRelayOrder1796414978744'

    // The outbox keeps a day of events, and a plain CREATE INDEX would block every publishing
    // transaction while it reads them all; CONCURRENTLY cannot run inside a transaction.
    transaction = false

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The relay asks for pending rows ORDER BY occurred_at, id: with only occurred_at indexed,
        // PostgreSQL sorted the whole backlog on every pass (54 ms a pass behind 40,000 rows).
        // A run cut short leaves its new index behind (invalid, if the build failed): a second run starts afresh.
        await queryRunner.query(`
            DROP INDEX CONCURRENTLY IF EXISTS "platform"."outbox_pending_in_order"
        `);
        await queryRunner.query(`
            CREATE INDEX CONCURRENTLY "outbox_pending_in_order" ON "platform"."outbox" ("occurred_at", "id")
            WHERE dispatched_at IS NULL
        `);
        await queryRunner.query(`
            DROP INDEX CONCURRENTLY IF EXISTS "platform"."outbox_pending_idx"
        `);
        await queryRunner.query(`
            ALTER INDEX "platform"."outbox_pending_in_order" RENAME TO "outbox_pending_idx"
        `);
    }

    // TypeORM reverts inside a transaction whatever `transaction` says, so the old index is built
    // plainly, blocking publishers while it reads the outbox.
    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "platform"."outbox_pending_idx"
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_pending_idx" ON "platform"."outbox" ("occurred_at")
            WHERE (dispatched_at IS NULL)
        `);
    }

}
