import { MigrationInterface, QueryRunner } from "typeorm";

export class Catalog1795316849708 implements MigrationInterface {
    name = 'Catalog1795316849708'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "catalog"."variant_availability" (
                "sku" text NOT NULL,
                "available" integer NOT NULL,
                "in_stock" boolean NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_1758e881ef703c7b67a1ab25d78" PRIMARY KEY ("sku")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."categories" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "slug" text NOT NULL,
                "parent_id" uuid,
                "path" uuid array NOT NULL,
                "position" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "categories_slug_key" ON "catalog"."categories" ("slug")
        `);
        await queryRunner.query(`
            CREATE INDEX "categories_parent_idx" ON "catalog"."categories" ("parent_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."products" (
                "id" uuid NOT NULL,
                "name" text NOT NULL,
                "slug" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "status" text NOT NULL DEFAULT 'draft',
                "category_id" uuid,
                "attributes" jsonb NOT NULL DEFAULT '{}',
                "images" jsonb NOT NULL DEFAULT '[]',
                "seo_title" text,
                "seo_description" text,
                "published_at" TIMESTAMP WITH TIME ZONE,
                "rating_count" integer NOT NULL DEFAULT '0',
                "rating_total" integer NOT NULL DEFAULT '0',
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "products_rating_check" CHECK (
                    "rating_count" >= 0
                    AND "rating_total" >= 0
                ),
                CONSTRAINT "products_status_check" CHECK ("status" IN ('draft', 'published', 'archived')),
                CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "products_slug_key" ON "catalog"."products" ("slug")
        `);
        await queryRunner.query(`
            CREATE INDEX "products_category_idx" ON "catalog"."products" ("category_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."reviews" (
                "id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "customer_id" uuid,
                "rating" smallint NOT NULL,
                "title" text,
                "body" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reviews_rating_check" CHECK (
                    "rating" BETWEEN 1 AND 5
                ),
                CONSTRAINT "PK_231ae565c273ee700b283f15c1d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "reviews_product_idx" ON "catalog"."reviews" ("product_id", "id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "reviews_product_customer_key" ON "catalog"."reviews" ("product_id", "customer_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."purchases" (
                "customer_id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "purchased_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0bd0774b1d0da10e650885cc575" PRIMARY KEY ("customer_id", "product_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."suggest_terms" (
                "product_id" uuid NOT NULL,
                "position" smallint NOT NULL,
                "term" text COLLATE "C" NOT NULL,
                "name" text NOT NULL,
                "slug" text NOT NULL,
                CONSTRAINT "PK_35a4f31a8bdcde92778758b9447" PRIMARY KEY ("product_id", "position")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "suggest_terms_prefix_idx" ON "catalog"."suggest_terms" ("term", "name")
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."search_words" (
                "word" text NOT NULL,
                CONSTRAINT "PK_d9d27dac96e8272918599c9f537" PRIMARY KEY ("word")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."product_listings" (
                "product_id" uuid NOT NULL,
                "slug" text NOT NULL,
                "name" text NOT NULL,
                "sort_name" text NOT NULL,
                "category_id" uuid,
                "category_keys" text array NOT NULL DEFAULT '{}',
                "min_price" integer NOT NULL,
                "in_stock" boolean NOT NULL,
                "rating_sort" integer NOT NULL DEFAULT '0',
                "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "attr_pairs" text array NOT NULL DEFAULT '{}',
                "doc" tsvector NOT NULL,
                CONSTRAINT "PK_418796745219fa7a9b26459e91a" PRIMARY KEY ("product_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_rating_idx" ON "catalog"."product_listings" ("rating_sort", "product_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_name_idx" ON "catalog"."product_listings" ("sort_name", "product_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_price_idx" ON "catalog"."product_listings" ("min_price", "product_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_newest_idx" ON "catalog"."product_listings" ("published_at", "product_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."product_cards" (
                "product_id" uuid NOT NULL,
                "card" text NOT NULL,
                CONSTRAINT "PK_b34c9e187a48d69c5c8f33aa5c3" PRIMARY KEY ("product_id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "catalog"."variants" (
                "id" uuid NOT NULL,
                "product_id" uuid NOT NULL,
                "sku" text NOT NULL,
                "options" jsonb NOT NULL DEFAULT '{}',
                "price" integer NOT NULL,
                "compare_at_price" integer,
                "currency" text NOT NULL,
                "weight_grams" integer,
                "position" integer NOT NULL DEFAULT '0',
                "deleted_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "variants_weight_check" CHECK (
                    "weight_grams" IS NULL
                    OR "weight_grams" >= 0
                ),
                CONSTRAINT "variants_compare_at_price_check" CHECK (
                    "compare_at_price" IS NULL
                    OR "compare_at_price" > "price"
                ),
                CONSTRAINT "variants_price_check" CHECK ("price" >= 0),
                CONSTRAINT "PK_672d13d1a6de0197f20c6babb5e" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "variants_sku_key" ON "catalog"."variants" ("sku")
        `);
        await queryRunner.query(`
            CREATE INDEX "variants_product_idx" ON "catalog"."variants" ("product_id", "position")
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."categories"
            ADD CONSTRAINT "categories_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "catalog"."categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."products"
            ADD CONSTRAINT "products_category_fk" FOREIGN KEY ("category_id") REFERENCES "catalog"."categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."reviews"
            ADD CONSTRAINT "reviews_product_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."suggest_terms"
            ADD CONSTRAINT "suggest_terms_product_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."product_listings"
            ADD CONSTRAINT "product_listings_product_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."product_cards"
            ADD CONSTRAINT "product_cards_product_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."variants"
            ADD CONSTRAINT "variants_product_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        // Written by hand: GIN indexes TypeORM cannot express (`synchronize: false` on the entities).
        await queryRunner.query(`
            CREATE INDEX "product_listings_category_keys_idx" ON "catalog"."product_listings" USING gin ("category_keys")
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_attr_pairs_idx" ON "catalog"."product_listings" USING gin ("attr_pairs")
        `);
        await queryRunner.query(`
            CREATE INDEX "product_listings_doc_idx" ON "catalog"."product_listings" USING gin ("doc")
        `);
        await queryRunner.query(`
            CREATE INDEX "search_words_trgm_idx" ON "catalog"."search_words" USING gin ("word" gin_trgm_ops)
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "catalog"."search_words_trgm_idx"`);
        await queryRunner.query(`DROP INDEX "catalog"."product_listings_doc_idx"`);
        await queryRunner.query(`DROP INDEX "catalog"."product_listings_attr_pairs_idx"`);
        await queryRunner.query(`DROP INDEX "catalog"."product_listings_category_keys_idx"`);
        await queryRunner.query(`
            ALTER TABLE "catalog"."variants" DROP CONSTRAINT "variants_product_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."product_cards" DROP CONSTRAINT "product_cards_product_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."product_listings" DROP CONSTRAINT "product_listings_product_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."suggest_terms" DROP CONSTRAINT "suggest_terms_product_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."reviews" DROP CONSTRAINT "reviews_product_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."products" DROP CONSTRAINT "products_category_fk"
        `);
        await queryRunner.query(`
            ALTER TABLE "catalog"."categories" DROP CONSTRAINT "categories_parent_fk"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."variants_product_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."variants_sku_key"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."variants"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."product_cards"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."product_listings_newest_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."product_listings_price_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."product_listings_name_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."product_listings_rating_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."product_listings"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."search_words"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."suggest_terms_prefix_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."suggest_terms"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."purchases"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."reviews_product_customer_key"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."reviews_product_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."reviews"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."products_category_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."products_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."products"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."categories_parent_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "catalog"."categories_slug_key"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."categories"
        `);
        await queryRunner.query(`
            DROP TABLE "catalog"."variant_availability"
        `);
    }

}
