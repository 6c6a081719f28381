import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxJobs1796304675481 implements MigrationInterface {
    name = 'OutboxJobs1796304675481'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "platform"."outbox"
            ADD "job" jsonb
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "platform"."outbox" DROP COLUMN "job"
        `);
    }

}
