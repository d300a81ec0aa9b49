import { CaseRecordFeedRepository, FEED_START, type FeedPosition } from '../../store/case-record-feed.repository.js';
import type { Db } from '../../store/database.js';

/** GET /api/events: every case-record event in commit order, a page after a position (none: from the beginning). */
export class ReadEventsFeed {
  constructor(private readonly deps: { db: Db }) {}

  async execute(after: FeedPosition | undefined, limit: number) {
    return new CaseRecordFeedRepository(this.deps.db).page(after ?? FEED_START, limit);
  }
}
