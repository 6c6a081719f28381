import 'reflect-metadata';
import { checkRegisteredConfig } from './common/config/config.providers';
import { ConfigError, readEnv } from './common/config/env';
import { PlatformConfig } from './common/config/platform.config';
import { armShutdownDeadline, createHttpApp, createWorkerContext, startBackground } from './common/bootstrap';
import { createRootLogger } from './common/observability/logger';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  // Importing AppModule registered every module's configuration class.
  checkRegisteredConfig();
  const config = readEnv(PlatformConfig);
  armShutdownDeadline(config.SHUTDOWN_TIMEOUT_MS, createRootLogger(config.LOG_LEVEL));
  if (config.APP_ROLE === 'worker') {
    const worker = await createWorkerContext(AppModule);
    await startBackground(worker);
    return;
  }
  const app = await createHttpApp(AppModule);
  await app.listen(config.PORT, config.HOST);
  if (config.APP_ROLE === 'all') await startBackground(app);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
