import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/common/database/data-source-options';

describe('migrations', () => {
  it('agree with the entities: generating a migration would yield nothing', async () => {
    const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 1));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
