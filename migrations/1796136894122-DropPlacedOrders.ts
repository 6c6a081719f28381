import { MigrationInterface, QueryRunner } from "typeorm";

export class DropPlacedOrders1796136894122 implements MigrationInterface {
    name = 'DropPlacedOrders1796136894122'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // The checkout learns its order number from orders.order-placed in its own transaction.
        await queryRunner.query(`
            DROP TABLE "cart"."placed_orders"
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "cart"."placed_orders" (
                "order_id" uuid NOT NULL,
                "order_number" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "status" text NOT NULL,
                "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_3110a6b319b763019661b8ef639" PRIMARY KEY ("order_id")
            )
        `);
    }

}
