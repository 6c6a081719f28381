import { MigrationInterface, QueryRunner } from "typeorm";

export class ManualPaymentDeadline1796125121933 implements MigrationInterface {
    name = 'ManualPaymentDeadline1796125121933'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Null: the card timeout applies; set when a manual payment is requested (orders waits longer).
        await queryRunner.query(`
            ALTER TABLE "orders"."orders"
            ADD "payment_due_at" TIMESTAMP WITH TIME ZONE
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "orders"."orders" DROP COLUMN "payment_due_at"
        `);
    }

}
