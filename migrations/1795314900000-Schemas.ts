import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMAS = ['platform', 'users', 'catalog', 'inventory', 'cart', 'orders', 'payments', 'notifications'];

/** One schema per module (ARCHITECTURE.md section 2); TypeORM generates tables, not schemas. */
export class Schemas1795314900000 implements MigrationInterface {
  name = 'Schemas1795314900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SCHEMAS) {
      await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    }
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of [...SCHEMAS].reverse()) {
      await queryRunner.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }
}
