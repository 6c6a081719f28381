import { MigrationInterface, QueryRunner } from "typeorm";

export class CartAndOrders1795316226392 implements MigrationInterface {
    name = 'CartAndOrders1795316226392'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Order numbers (EM-000123); TypeORM does not manage free-standing sequences.
        await queryRunner.query(`
            CREATE SEQUENCE "orders"."order_number_seq" AS bigint START WITH 1
        `);
        await queryRunner.query(`
            CREATE TABLE "orders"."orders" (
                "id" uuid NOT NULL,
                "number" text NOT NULL,
                "cart_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "email" text NOT NULL,
                "status" text NOT NULL,
                "currency" text NOT NULL,
                "subtotal_amount" integer NOT NULL,
                "shipping_amount" integer NOT NULL,
                "tax_amount" integer NOT NULL,
                "total_amount" integer NOT NULL,
                "tax_included" boolean NOT NULL,
                "shipping_method" text NOT NULL,
                "shipping_address" jsonb NOT NULL,
                "payment_status" text NOT NULL DEFAULT 'unpaid',
                "payment_id" uuid,
                "refunded_amount" integer NOT NULL DEFAULT '0',
                "tracking_number" text,
                "cancellation_reason" text,
                "restocked_at" TIMESTAMP WITH TIME ZONE,
                "placed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "paid_at" TIMESTAMP WITH TIME ZONE,
                "cancelled_at" TIMESTAMP WITH TIME ZONE,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "orders_amounts" CHECK (
                    subtotal_amount >= 0
                    AND shipping_amount >= 0
                    AND tax_amount >= 0
                    AND total_amount >= 0
                    AND refunded_amount >= 0
                ),
                CONSTRAINT "orders_payment_status" CHECK (
                    payment_status IN (
                        'unpaid',
                        'failed',
                        'paid',
                        'partially_refunded',
                        'refunded'
                    )
                ),
                CONSTRAINT "orders_status" CHECK (
                    status IN (
                        'pending_payment',
                        'paid',
                        'fulfilled',
                        'shipped',
                        'delivered',
                        'cancelled'
                    )
                ),
                CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "orders_paid_at" ON "orders"."orders" ("paid_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "orders_placed_at" ON "orders"."orders" ("placed_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "orders_by_status" ON "orders"."orders" ("status", "id")
        `);
        await queryRunner.query(`
            CREATE INDEX "orders_customer" ON "orders"."orders" ("customer_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "orders_number" ON "orders"."orders" ("number")
        `);
        await queryRunner.query(`
            CREATE TABLE "orders"."order_status_history" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "actor" text NOT NULL,
                "actor_id" uuid,
                "note" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "order_status_history_kind" CHECK (kind IN ('transition', 'note')),
                CONSTRAINT "PK_e6c66d853f155531985fc4f6ec8" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "order_status_history_order" ON "orders"."order_status_history" ("order_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "orders"."order_lines" (
                "id" uuid NOT NULL,
                "order_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "variant_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "name" text NOT NULL,
                "quantity" integer NOT NULL,
                "unit_price_amount" integer NOT NULL,
                "line_total_amount" integer NOT NULL,
                "currency" text NOT NULL,
                CONSTRAINT "order_lines_quantity" CHECK (
                    quantity > 0
                    AND unit_price_amount >= 0
                    AND line_total_amount >= 0
                ),
                CONSTRAINT "PK_627dcd7f1d707de4df241b2da6b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "order_lines_product" ON "orders"."order_lines" ("product_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "order_lines_order" ON "orders"."order_lines" ("order_id", "position")
        `);
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
        await queryRunner.query(`
            CREATE TABLE "cart"."price_book" (
                "variant_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "name" text NOT NULL,
                "price_amount" integer NOT NULL,
                "currency" text NOT NULL,
                "sellable" boolean NOT NULL,
                "source_occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_b2674464ea4fcad45d78c44aee3" PRIMARY KEY ("variant_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "price_book_product" ON "cart"."price_book" ("product_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "cart"."carts" (
                "id" uuid NOT NULL,
                "customer_id" uuid,
                "token_hash" text,
                "status" text NOT NULL DEFAULT 'active',
                "version" integer NOT NULL DEFAULT '1',
                "order_id" uuid,
                "checked_out_at" TIMESTAMP WITH TIME ZONE,
                "abandoned_notified_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "carts_owner" CHECK (
                    customer_id IS NOT NULL
                    OR token_hash IS NOT NULL
                ),
                CONSTRAINT "carts_status" CHECK (status IN ('active', 'checked_out')),
                CONSTRAINT "PK_b5f695a59f5ebb50af3c8160816" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "carts_idle" ON "cart"."carts" ("updated_at")
            WHERE status = 'active'
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "carts_token_hash" ON "cart"."carts" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "carts_one_active_per_customer" ON "cart"."carts" ("customer_id")
            WHERE status = 'active'
        `);
        await queryRunner.query(`
            CREATE TABLE "cart"."cart_items" (
                "id" uuid NOT NULL,
                "cart_id" uuid NOT NULL,
                "variant_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "cart_items_quantity" CHECK (
                    quantity BETWEEN 1 AND 99
                ),
                CONSTRAINT "PK_6fccf5ec03c172d27a28a82928b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "cart_items_cart_variant" ON "cart"."cart_items" ("cart_id", "variant_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "orders"."order_status_history"
            ADD CONSTRAINT "FK_1ca7d5228cf9dc589b60243933c" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "orders"."order_lines"
            ADD CONSTRAINT "FK_6a619803439ea92778cafc8fb54" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "cart"."cart_items"
            ADD CONSTRAINT "FK_6385a745d9e12a89b859bb25623" FOREIGN KEY ("cart_id") REFERENCES "cart"."carts"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "cart"."cart_items" DROP CONSTRAINT "FK_6385a745d9e12a89b859bb25623"
        `);
        await queryRunner.query(`
            ALTER TABLE "orders"."order_lines" DROP CONSTRAINT "FK_6a619803439ea92778cafc8fb54"
        `);
        await queryRunner.query(`
            ALTER TABLE "orders"."order_status_history" DROP CONSTRAINT "FK_1ca7d5228cf9dc589b60243933c"
        `);
        await queryRunner.query(`
            DROP INDEX "cart"."cart_items_cart_variant"
        `);
        await queryRunner.query(`
            DROP TABLE "cart"."cart_items"
        `);
        await queryRunner.query(`
            DROP INDEX "cart"."carts_one_active_per_customer"
        `);
        await queryRunner.query(`
            DROP INDEX "cart"."carts_token_hash"
        `);
        await queryRunner.query(`
            DROP INDEX "cart"."carts_idle"
        `);
        await queryRunner.query(`
            DROP TABLE "cart"."carts"
        `);
        await queryRunner.query(`
            DROP INDEX "cart"."price_book_product"
        `);
        await queryRunner.query(`
            DROP TABLE "cart"."price_book"
        `);
        await queryRunner.query(`
            DROP TABLE "cart"."placed_orders"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."order_lines_order"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."order_lines_product"
        `);
        await queryRunner.query(`
            DROP TABLE "orders"."order_lines"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."order_status_history_order"
        `);
        await queryRunner.query(`
            DROP TABLE "orders"."order_status_history"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."orders_number"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."orders_customer"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."orders_by_status"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."orders_placed_at"
        `);
        await queryRunner.query(`
            DROP INDEX "orders"."orders_paid_at"
        `);
        await queryRunner.query(`
            DROP TABLE "orders"."orders"
        `);
        await queryRunner.query(`
            DROP SEQUENCE "orders"."order_number_seq"
        `);
    }

}
