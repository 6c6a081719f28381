import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnv } from '../config/env';
import { PlatformConfig } from '../config/platform.config';
import { dataSourceOptions } from './data-source-options';

/** The data source of the TypeORM CLI (`npm run migration:*`). */
export default new DataSource(dataSourceOptions(readEnv(PlatformConfig).DATABASE_URL, 2));
