import { Global, Module } from '@nestjs/common';
import { configProvider } from './config.providers';
import { AuthConfig, PlatformConfig } from './platform.config';

@Global()
@Module({
  providers: [configProvider(PlatformConfig), configProvider(AuthConfig)],
  exports: [PlatformConfig, AuthConfig],
})
export class ConfigModule {}
