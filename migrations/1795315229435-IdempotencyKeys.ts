import { MigrationInterface, QueryRunner } from "typeorm";

export class IdempotencyKeys1795315229435 implements MigrationInterface {
    name = 'IdempotencyKeys1795315229435'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "platform"."idempotency_keys" (
                "scope" text NOT NULL,
                "key" text NOT NULL,
                "fingerprint" text NOT NULL,
                "state" text NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "response_headers" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_15de2f76fa9f27ad8f330983607" PRIMARY KEY ("scope", "key")
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP TABLE "platform"."idempotency_keys"
        `);
    }

}
