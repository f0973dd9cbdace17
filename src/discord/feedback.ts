import { promises as fs } from "node:fs";
import path from "node:path";

/** One passage shown with an answer, as recorded with a vote. */
export interface FeedbackPassage {
  articleId: string;
  title: string;
  paragraph: number;
  score: number;
  highlight: string;
}

/** One 👍/👎 on an /ask answer: what was asked, what was shown, who voted. */
export interface FeedbackRecord {
  at: string;
  guildId: string | null;
  channelId: string | null;
  /** Who asked. */
  askerId: string;
  /** Who voted (anyone who can see the answer may). */
  userId: string;
  vote: "up" | "down";
  question: string;
  answered: boolean;
  method: string;
  /** 1-based page the voter was looking at. */
  page: number;
  passages: FeedbackPassage[];
}

export const FEEDBACK_FILE = "feedback.jsonl";

/**
 * Votes on answers, appended to DATA_DIR/feedback.jsonl (one JSON object a line): the raw material for
 * judging and tuning answer quality. Appends are serialised within the process; each record is one
 * small O_APPEND write, so shards sharing the data directory don't interleave lines.
 */
export class FeedbackStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): FeedbackStore {
    return new FeedbackStore(path.join(dataDir, FEEDBACK_FILE));
  }

  append(record: FeedbackRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.queue.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, line, "utf8");
    });
    this.queue = write.catch(() => {});
    return write;
  }

  /** One server's records as JSONL (for the moderators' export); empty string when there are none. */
  async exportGuild(guildId: string): Promise<{ jsonl: string; count: number }> {
    await this.queue;
    const text = await fs.readFile(this.file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return "";
      throw error;
    });
    const lines = text.split("\n").filter((line) => {
      if (!line.trim()) return false;
      try {
        return (JSON.parse(line) as FeedbackRecord).guildId === guildId;
      } catch {
        return false; // a torn last line after a crash: skip it rather than fail the export
      }
    });
    return { jsonl: lines.length > 0 ? `${lines.join("\n")}\n` : "", count: lines.length };
  }
}
