import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');
const depcruise = join(root, 'node_modules', '.bin', 'depcruise');

async function cruise(cwd: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(depcruise, ['src', '--config', join(root, '.dependency-cruiser.js'), '--output-type', 'err'], { cwd });
    return { code: 0, output: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('architecture', () => {
  it('the real source tree respects the module boundaries', async () => {
    const result = await cruise(root);
    expect(result.output).toContain('no dependency violations found');
    expect(result.code).toBe(0);
  });

  it('the rules catch a module reaching into another and the platform importing a module', async () => {
    const result = await cruise(join(root, 'test', 'fixtures', 'arch-violation'));
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/module-imports-only-contracts: src\/modules\/payments\/payments\.service\.ts → src\/modules\/orders\/order\.entity\.ts/);
    expect(result.output).toMatch(/common-imports-no-module: src\/common\/platform\.ts → src\/modules\/payments\/payments\.service\.ts/);
    expect(result.output).not.toMatch(/orders\.events\.ts/);
  });

  it('no foreign key crosses schemas', async () => {
    const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await dataSource.initialize();
    try {
      const crossing = await dataSource.query(`
        SELECT con.conname, src.nspname AS from_schema, dst.nspname AS to_schema
        FROM pg_constraint con
        JOIN pg_class sc ON sc.oid = con.conrelid JOIN pg_namespace src ON src.oid = sc.relnamespace
        JOIN pg_class dc ON dc.oid = con.confrelid JOIN pg_namespace dst ON dst.oid = dc.relnamespace
        WHERE con.contype = 'f' AND src.nspname <> dst.nspname`);
      expect(crossing).toEqual([]);
      const tablesOutsideModuleSchemas = await dataSource.query(`
        SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('platform','users','catalog','inventory','cart','orders','payments','notifications','pg_catalog','information_schema')
          AND NOT (table_schema = 'public' AND table_name = 'migrations')`);
      expect(tablesOutsideModuleSchemas).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
