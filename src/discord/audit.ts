import type { Logger } from "../library/log.ts";

export interface AuditEntry {
  action:
    | "article.add"
    | "article.add.duplicate"
    | "article.remove"
    | "feed.add"
    | "feed.update"
    | "feed.remove"
    | "feed.article.add";
  guildId: string;
  /** Who: a Discord user id, or "feed:<id>" for an article a feed added. */
  userId: string;
  articleId?: string;
  feedId?: string;
  title: string;
  source?: string;
}

/**
 * One structured line per change to a server's library: who, what, when (`at`, besides the logger's own
 * timestamp, so the line stands alone when grepped out of the log).
 */
export function audit(logger: Logger, entry: AuditEntry, now = new Date()): void {
  logger.info(
    { audit: entry.action, ...entry, at: now.toISOString() },
    `audit: ${entry.action} by ${entry.userId}`,
  );
}
