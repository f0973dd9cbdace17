import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { attachmentSources, DISCORD_CDN_HOSTS, downloadAttachment } from "../../src/discord/attachments.ts";

const file = (url: string) => ({ name: "story.txt", size: 10, url, contentType: "text/plain" });
const limits = { maxBytes: 1000, timeoutMs: 1000 };

describe("where attachments may be downloaded from", () => {
  it("in production (DISCORD_API_URL unset): Discord's CDN over https only", async () => {
    const sources = attachmentSources(loadConfig({}));
    expect(sources).toEqual({});
    // The defaults downloadAttachment applies, refusing before any connection is made.
    await expect(
      downloadAttachment(file("http://cdn.discordapp.com/a/story.txt"), { ...limits, ...sources }),
    ).rejects.toThrow(/refusing to download an attachment from http:\/\/cdn\.discordapp\.com/);
    await expect(
      downloadAttachment(file("https://127.0.0.1/story.txt"), { ...limits, ...sources }),
    ).rejects.toThrow(/refusing to download/);
  });

  it("against a stand-in API (tests only): the CDN plus the stand-in's host, over http when it is on http", () => {
    expect(attachmentSources(loadConfig({ DISCORD_API_URL: "http://127.0.0.1:4000/api" }))).toEqual({
      hosts: [...DISCORD_CDN_HOSTS, "127.0.0.1"],
      allowHttp: true,
    });
    expect(attachmentSources(loadConfig({ DISCORD_API_URL: "https://discord.test/api" }))).toEqual({
      hosts: [...DISCORD_CDN_HOSTS, "discord.test"],
      allowHttp: false,
    });
  });
});
