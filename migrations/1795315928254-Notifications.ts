import { MigrationInterface, QueryRunner } from "typeorm";

export class Notifications1795315928254 implements MigrationInterface {
    name = 'Notifications1795315928254'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "notifications"."order_contacts" (
                "order_id" uuid NOT NULL,
                "order_number" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "email" text NOT NULL,
                "email_as_of" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_f0d030898f24f91243e1a4fc9e3" PRIMARY KEY ("order_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "order_contacts_customer_idx" ON "notifications"."order_contacts" ("customer_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "notifications"."messages" (
                "id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "template" text NOT NULL,
                "recipient" text,
                "user_id" uuid,
                "subject" text NOT NULL,
                "context" jsonb NOT NULL,
                "status" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "transport" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "erased_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "messages_event_template_key" UNIQUE ("event_id", "template"),
                CONSTRAINT "messages_status_check" CHECK (status IN ('queued', 'sent', 'failed')),
                CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "messages_user_idx" ON "notifications"."messages" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "messages_status_idx" ON "notifications"."messages" ("status", "id")
        `);
        // Hand-written: TypeORM cannot express an index on lower(recipient) (the admin filter).
        await queryRunner.query(`
            CREATE INDEX "messages_recipient_idx" ON "notifications"."messages" (lower("recipient"), "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "notifications"."messages_recipient_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "notifications"."messages_status_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "notifications"."messages_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"."messages"
        `);
        await queryRunner.query(`
            DROP INDEX "notifications"."order_contacts_customer_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "notifications"."order_contacts"
        `);
    }

}
