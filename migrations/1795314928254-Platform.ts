import { MigrationInterface, QueryRunner } from "typeorm";

export class Platform1795314928254 implements MigrationInterface {
    name = 'Platform1795314928254'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "platform"."outbox" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "envelope" jsonb NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "dispatched_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "outbox_pending_idx" ON "platform"."outbox" ("occurred_at")
            WHERE dispatched_at IS NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "platform"."inbox" (
                "event_id" uuid NOT NULL,
                "subscriber" text NOT NULL,
                "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_c2be5462b80393b1e8b4a14c19a" PRIMARY KEY ("event_id", "subscriber")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "platform"."inbox"
        `);
        await queryRunner.query(`
            DROP INDEX "platform"."outbox_pending_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "platform"."outbox"
        `);
    }

}
