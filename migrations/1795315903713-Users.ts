import { MigrationInterface, QueryRunner } from "typeorm";

export class Users1795315903713 implements MigrationInterface {
    name = 'Users1795315903713'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "users"."users" (
                "id" uuid NOT NULL,
                "email" text NOT NULL,
                "email_verified_at" TIMESTAMP WITH TIME ZONE,
                "password_hash" text NOT NULL,
                "first_name" text,
                "last_name" text,
                "role" text NOT NULL DEFAULT 'customer',
                "disabled" boolean NOT NULL DEFAULT false,
                "erased_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "users_role_check" CHECK (role IN ('customer', 'admin')),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        // Hand-written (TypeORM cannot express them; the entity declares them with synchronize: false).
        // E-mail uniqueness ignores case; INSERT ... ON CONFLICT ((lower(email))) relies on this index.
        await queryRunner.query(`
            CREATE UNIQUE INDEX "users_email_lower_uq" ON "users"."users" (lower("email"))
        `);
        // Admin search (?q=) on e-mail and names: AdminUsersService.SEARCH_TEXT is the same expression.
        await queryRunner.query(`
            CREATE INDEX "users_search_trgm_idx" ON "users"."users" USING gin (
                (lower(email || ' ' || coalesce(first_name, '') || ' ' || coalesce(last_name, ''))) gin_trgm_ops
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "users"."refresh_tokens" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "family_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_tokens_user_idx" ON "users"."refresh_tokens" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "refresh_tokens_family_idx" ON "users"."refresh_tokens" ("family_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "refresh_tokens_hash_uq" ON "users"."refresh_tokens" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE TABLE "users"."addresses" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "label" text,
                "full_name" text NOT NULL,
                "line1" text NOT NULL,
                "line2" text,
                "city" text NOT NULL,
                "postal_code" text NOT NULL,
                "region" text,
                "country" character(2) NOT NULL,
                "phone" text,
                "is_default" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_745d8f43d3af10ab8247465e450" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "addresses_one_default_uq" ON "users"."addresses" ("user_id")
            WHERE is_default
        `);
        await queryRunner.query(`
            CREATE INDEX "addresses_user_idx" ON "users"."addresses" ("user_id", "id")
        `);
        await queryRunner.query(`
            CREATE TABLE "users"."account_tokens" (
                "id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "purpose" text NOT NULL,
                "token_hash" text NOT NULL,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "account_tokens_purpose_check" CHECK (
                    purpose IN ('email_verification', 'password_reset')
                ),
                CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "account_tokens_user_idx" ON "users"."account_tokens" ("user_id", "purpose")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "account_tokens_hash_uq" ON "users"."account_tokens" ("token_hash")
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "users"."account_tokens_hash_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."account_tokens_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "users"."account_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."addresses_user_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."addresses_one_default_uq"
        `);
        await queryRunner.query(`
            DROP TABLE "users"."addresses"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."refresh_tokens_hash_uq"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."refresh_tokens_family_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."refresh_tokens_user_idx"
        `);
        await queryRunner.query(`
            DROP TABLE "users"."refresh_tokens"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."users_search_trgm_idx"
        `);
        await queryRunner.query(`
            DROP INDEX "users"."users_email_lower_uq"
        `);
        await queryRunner.query(`
            DROP TABLE "users"."users"
        `);
    }

}
