import { MigrationInterface, QueryRunner } from "typeorm";

export class Inventory1795316143107 implements MigrationInterface {
    name = 'Inventory1795316143107'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "inventory"."stock_items" (
                "sku" text COLLATE "C" NOT NULL,
                "on_hand" integer NOT NULL DEFAULT '0',
                "reserved" integer NOT NULL DEFAULT '0',
                "reorder_level" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "stock_items_reorder_level_not_negative" CHECK ("reorder_level" >= 0),
                CONSTRAINT "stock_items_reserved_within_on_hand" CHECK ("reserved" <= "on_hand"),
                CONSTRAINT "stock_items_reserved_not_negative" CHECK ("reserved" >= 0),
                CONSTRAINT "stock_items_on_hand_not_negative" CHECK ("on_hand" >= 0),
                CONSTRAINT "PK_c427528a56ee9c7e24fdf6edd1f" PRIMARY KEY ("sku")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "stock_items_low_stock_idx" ON "inventory"."stock_items" ("sku")
            WHERE on_hand - reserved <= reorder_level
        `);
        await queryRunner.query(`
            CREATE TABLE "inventory"."reservations" (
                "order_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "quantity" integer NOT NULL,
                "restocked_quantity" integer NOT NULL DEFAULT '0',
                "state" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reservations_state_known" CHECK ("state" IN ('reserved', 'released', 'sold')),
                CONSTRAINT "reservations_restocked_within_quantity" CHECK (
                    "restocked_quantity" >= 0
                    AND "restocked_quantity" <= "quantity"
                ),
                CONSTRAINT "reservations_quantity_positive" CHECK ("quantity" > 0),
                CONSTRAINT "PK_629cc2d7a3ab1548175bf720e2f" PRIMARY KEY ("order_id", "sku")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "inventory"."ledger_entries" (
                "id" uuid NOT NULL,
                "sku" text NOT NULL,
                "kind" text NOT NULL,
                "on_hand_delta" integer NOT NULL,
                "reserved_delta" integer NOT NULL,
                "on_hand_after" integer NOT NULL,
                "reserved_after" integer NOT NULL,
                "reason" text,
                "order_id" uuid,
                "actor_id" uuid,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ledger_entries_kind_known" CHECK (
                    "kind" IN (
                        'receive',
                        'adjust',
                        'reserve',
                        'release',
                        'sell',
                        'restock'
                    )
                ),
                CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "ledger_entries_sku_idx" ON "inventory"."ledger_entries" ("sku", "id")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "inventory"."ledger_entries_sku_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "inventory"."ledger_entries"
        `);
        await queryRunner.query(`
            DROP TABLE "inventory"."reservations"
        `);
        await queryRunner.query(`
            DROP INDEX "inventory"."stock_items_low_stock_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "inventory"."stock_items"
        `);
    }

}
