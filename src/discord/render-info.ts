import type { APIEmbed } from "discord.js";
import type { ModelInfo } from "../library/library.ts";

const COLOR = 0x5865f2;

/** /help: what Byline does and every command. */
export function renderHelp(): APIEmbed {
  return {
    title: "Byline",
    color: COLOR,
    description:
      "Byline answers questions about the news articles this server has added, with excerpts copied " +
      "word for word from the articles and a ¶ citation for each. It never makes text up: when the " +
      "articles don't answer, it says so and shows the closest passages.",
    fields: [
      {
        name: "Everyone",
        value: [
          "`/ask question:` the passage that answers, its key sentence in bold, and where it comes from",
          "`/quotes speaker:` what a person or organisation said: direct quotes and reported speech",
          "`/about` how many articles there are and which model finds them",
          "`/help` this message",
        ].join("\n"),
      },
      {
        name: "Moderators (Manage Server)",
        value: [
          "`/article add` a URL, an attached .txt/.md/.html file, or pasted text",
          "`/article list` · `/article show` · `/article remove`",
          "Right-click a message → Apps → **Add to Byline**: add the link or file it shares",
          "`/article feedback` download the 👍/👎 votes on answers",
          "`/feed add` follow a news feed: its new stories are added by themselves · `/feed list` · `/feed remove`",
        ].join("\n"),
      },
      {
        name: "Good to know",
        value:
          "A server's articles are visible only in that server; the sample story is shared by all. " +
          "In DMs only the samples are searched.",
      },
    ],
  };
}

export interface AboutFacts {
  articles: number;
  paragraphs: number;
  model: ModelInfo | undefined;
  version: string;
  inGuild: boolean;
}

/** /about: the numbers behind the answers. */
export function renderAbout(facts: AboutFacts): APIEmbed {
  const model = facts.model ? facts.model.label : "not loaded (keyword search only)";
  return {
    title: "About Byline",
    color: COLOR,
    fields: [
      {
        name: facts.inGuild ? "Articles in this server" : "Articles (samples only in DMs)",
        value: `${facts.articles} articles, ${facts.paragraphs} paragraphs (shared samples included)`,
      },
      { name: "Model", value: model },
      { name: "Version", value: facts.version },
    ],
  };
}
