import { MigrationInterface, QueryRunner } from "typeorm";

export class Payments1795316111856 implements MigrationInterface {
    name = 'Payments1795316111856'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "payments"."stripe_events" (
                "id" text NOT NULL,
                "type" text NOT NULL,
                "payment_id" uuid,
                "outcome" text NOT NULL,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "payments"."refunds" (
                "id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "amount" integer NOT NULL,
                "currency" text NOT NULL,
                "status" text NOT NULL,
                "reason" text,
                "restock" boolean NOT NULL DEFAULT false,
                "request_key" text NOT NULL,
                "requested_by" text NOT NULL,
                "provider_ref" text,
                "failure_reason" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "refunds_amount_check" CHECK (amount > 0),
                CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refunds_pending_idx" ON "payments"."refunds" ("created_at")
            WHERE status = 'pending'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "refunds_provider_ref_key" ON "payments"."refunds" ("provider_ref")
            WHERE provider_ref IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "refunds_request_key" ON "payments"."refunds" ("payment_id", "request_key")
        `);
        await queryRunner.query(`
            CREATE TABLE "payments"."payments" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "provider" text NOT NULL,
                "status" text NOT NULL,
                "amount" integer NOT NULL,
                "currency" text NOT NULL,
                "amount_captured" integer NOT NULL DEFAULT '0',
                "amount_refunded" integer NOT NULL DEFAULT '0',
                "provider_ref" text,
                "client_secret" text,
                "failure_reason" text,
                "flag_reason" text,
                "succeeded_at" TIMESTAMP WITH TIME ZONE,
                "reconciled_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "payments_amounts_check" CHECK (
                    amount > 0
                    AND amount_refunded >= 0
                    AND amount_refunded <= amount_captured
                ),
                CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "payments_status_idx" ON "payments"."payments" ("status", "created_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "payments_order_idx" ON "payments"."payments" ("order_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "payments_customer_idx" ON "payments"."payments" ("customer_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "payments_provider_ref_key" ON "payments"."payments" ("provider_ref")
            WHERE provider_ref IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "payments_one_open_per_order" ON "payments"."payments" ("order_id")
            WHERE status IN ('creating', 'pending', 'failed')
        `);
        await queryRunner.query(`
            CREATE TABLE "payments"."payment_events" (
                "id" uuid NOT NULL,
                "payment_id" uuid NOT NULL,
                "type" text NOT NULL,
                "from_status" text,
                "to_status" text,
                "source" text NOT NULL,
                "stripe_event_id" text,
                "data" jsonb NOT NULL DEFAULT '{}',
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9f1d16fc78b33e676940a32e8b5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "payment_events_payment_idx" ON "payments"."payment_events" ("payment_id", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "payments"."payables" (
                "order_id" uuid NOT NULL,
                "order_number" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "amount" integer NOT NULL,
                "currency" text NOT NULL,
                "status" text NOT NULL,
                "paid_by_payment_id" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_9ca56592c5c2a2438a282e228fa" PRIMARY KEY ("order_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "payables_customer_idx" ON "payments"."payables" ("customer_id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "payments"."payables_customer_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"."payables"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payment_events_payment_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"."payment_events"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payments_one_open_per_order"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payments_provider_ref_key"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payments_customer_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payments_order_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."payments_status_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"."payments"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."refunds_request_key"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."refunds_provider_ref_key"
        `);
        await queryRunner.query(`
            DROP INDEX "payments"."refunds_pending_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"."refunds"
        `);
        await queryRunner.query(`
            DROP TABLE "payments"."stripe_events"
        `);
    }

}
