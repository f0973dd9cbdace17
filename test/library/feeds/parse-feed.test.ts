import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseFeedText } from "../../../src/library/feeds/parse-feed.ts";
import { xmlDeclaredEncoding } from "../../../src/library/feeds/read-feed.ts";
import { decodeDocument } from "../../../src/library/ingest/charset.ts";

const FEED_URL = "https://gazette.example/feed";
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const text = (name: string) => {
  const bytes = fixture(name);
  const charset = xmlDeclaredEncoding(bytes);
  return decodeDocument(bytes, { ...(charset ? { charset } : {}), what: name }).text;
};

describe("parsing feeds: the four formats give the same stories", () => {
  it.each([
    ["rss2.xml", "rss"],
    ["atom.xml", "atom"],
    ["rdf.xml", "rdf"],
    ["feed.json", "json"],
  ] as const)(
    "GIVEN %s THEN it is read as %s, newest first, with absolute links and plain titles",
    (name, format) => {
      const feed = parseFeedText(text(name), FEED_URL);
      expect(feed?.format).toBe(format);
      expect(feed?.title).toBe("Harbour Gazette & Tide Tables");
      expect(feed?.entries).toHaveLength(2);
      const [ferry, lighthouse] = feed!.entries;
      expect(ferry!.link).toMatch(/^https:\/\/gazette\.example\/news\/ferry-fares\?.*id=7/);
      expect(ferry!.title).toMatch(/^Ferry fares rise/);
      expect(ferry!.title).not.toMatch(/[<>]|&\w+;/); // no markup, no entities left
      expect(ferry!.publishedAt).toBe("2026-12-02T09:30:00.000Z");
      expect(lighthouse!.link).toBe("https://gazette.example/news/lighthouse");
      expect(lighthouse!.title).toBe("Lighthouse keeper retires after 40 years");
      expect(lighthouse!.publishedAt).toBe("2026-12-01T17:05:00.000Z");
      expect(new Set(feed!.entries.map((e) => e.contentHash)).size).toBe(2);
    },
  );

  it("decodes entities and CDATA in RSS titles: dashes and curly quotes, not &#8212;", () => {
    const [ferry] = parseFeedText(text("rss2.xml"), FEED_URL)!.entries;
    expect(ferry!.title).toBe("Ferry fares rise — council says ‘no choice’");
    expect(ferry!.guid).toBe("gazette-7");
  });

  it("resolves a relative RSS link against the feed's address", () => {
    const [ferry] = parseFeedText(text("rss2.xml"), FEED_URL)!.entries;
    expect(ferry!.link).toBe("https://gazette.example/news/ferry-fares?utm_source=rss&id=7");
  });

  it("takes an Atom entry's alternate link, not its enclosure, and its id as the guid", () => {
    const [ferry] = parseFeedText(text("atom.xml"), FEED_URL)!.entries;
    expect(ferry!.link).toBe("https://gazette.example/news/ferry-fares?id=7");
    expect(ferry!.guid).toBe("tag:gazette.example,2026:7");
  });

  it("reads an RDF feed declared ISO-8859-1 with its accented letters intact", () => {
    const bytes = fixture("rdf.xml");
    expect(xmlDeclaredEncoding(bytes)).toBe("ISO-8859-1");
    expect(text("rdf.xml")).toContain("Café owners object");
  });

  it("reads a feed that starts with a byte-order mark", () => {
    const withBom = `\uFEFF${text("rss2.xml")}`;
    expect(parseFeedText(withBom, FEED_URL)?.entries).toHaveLength(2);
  });

  it.each([
    ["an HTML page", "<!doctype html><html><head><title>x</title></head><body>news</body></html>"],
    ["JSON that is not a JSON Feed", '{"data": [1, 2, 3]}'],
    ["broken JSON", '{"version": "https://jsonfeed.org/version/1.1", "items": ['],
    ["XML of another kind", '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ["plain text", "just some words"],
  ])("GIVEN %s THEN it is not a feed (undefined, not a crash)", (_what, body) => {
    expect(parseFeedText(body, FEED_URL)).toBeUndefined();
  });
});

describe("parsing feeds: hostile XML is never expanded", () => {
  it("GIVEN external entities (XXE) THEN no file or URL content appears, and the stories still parse", () => {
    const feed = parseFeedText(text("xxe.xml"), FEED_URL);
    const everything = JSON.stringify(feed);
    expect(everything).not.toMatch(/root:|daemon:|\/bin\/|meta-data/);
    expect(feed?.entries[0]?.link).toBe("https://gazette.example/news/xxe");
  });

  it("GIVEN a billion-laughs entity bomb THEN it parses at once into nothing big", () => {
    const feed = parseFeedText(text("billion-laughs.xml"), FEED_URL);
    // Expanded, the title alone would be 10^9 "lol"s (3 GB).
    expect(JSON.stringify(feed ?? {}).length).toBeLessThan(2_000);
    expect(feed?.entries[0]?.link).toBe("https://gazette.example/news/laughs");
  });
});
