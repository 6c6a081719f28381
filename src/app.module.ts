import { Module } from '@nestjs/common';
import { PlatformModule } from './common/platform.module';

/** The platform and the seven modules, nothing else. */
@Module({
  imports: [PlatformModule],
})
export class AppModule {}
