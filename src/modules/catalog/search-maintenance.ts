import { Injectable } from '@nestjs/common';
import { OnJob } from '../../common/events/event-handler.decorators';
import { ListingProjector } from './listing-projector';

const SIX_HOURS = 6 * 3600 * 1000;

/** Words only enter the search vocabulary on writes; this forgets those no product uses any more. */
@Injectable()
export class SearchMaintenance {
  constructor(private readonly projector: ListingProjector) {}

  @OnJob('prune-search-words', { everyMs: SIX_HOURS })
  async pruneSearchWords(): Promise<void> {
    await this.projector.pruneVocabulary();
  }
}
