import { Injectable, Module } from '@nestjs/common';
import { OnJob } from '../../src/common/events/event-handler.decorators';
import { AppWithProbeModule } from './spine-probe';

export const COUNT_RUN = 'count-run';

/** A module job that only counts its runs (queue `modulejobprobe`). */
@Injectable()
export class ModuleJobProbe {
  runs = 0;

  @OnJob(COUNT_RUN)
  async countRun(): Promise<void> {
    this.runs += 1;
  }
}

@Module({ providers: [ModuleJobProbe] })
export class ModuleJobProbeModule {}

/** The app with the event spine's probe and this module-job probe. */
@Module({ imports: [AppWithProbeModule, ModuleJobProbeModule] })
export class AppWithJobProbesModule {}
