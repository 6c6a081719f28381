import { MigrationInterface, QueryRunner } from "typeorm";

export class CartChangesStayHot1796146035648 implements MigrationInterface {
    name = 'CartChangesStayHot1796146035648'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // updated_at changes with every cart change; indexed, it made every change a non-HOT update.
        await queryRunner.query(`
            DROP INDEX "cart"."carts_idle"
        `);
        // Room on each page for a cart's next row versions, so that its changes stay HOT (TypeORM
        // does not model storage parameters: hand-written).
        await queryRunner.query(`
            ALTER TABLE "cart"."carts" SET (fillfactor = 90)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "cart"."carts" RESET (fillfactor)
        `);
        await queryRunner.query(`
            CREATE INDEX "carts_idle" ON "cart"."carts" ("updated_at")
            WHERE (status = 'active'::text)
        `);
    }

}
