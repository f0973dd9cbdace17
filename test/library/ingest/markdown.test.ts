import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { parseMarkdown } from "../../../src/library/ingest/markdown.ts";
import type { ArticleDraft } from "../../../src/library/types.ts";

const source = { kind: "file" as const, fileName: "story.md" };

function texts(draft: ArticleDraft): string[] {
  return draft.paragraphs.map((paragraph) => paragraph.text);
}

describe("parseMarkdown: inline formatting", () => {
  it("strips emphasis, strong, strikethrough and code marks, keeps link text, drops images and HTML tags", () => {
    const draft = parseMarkdown(
      [
        "# Trump *congratulates* Putin",
        "",
        'The **White House** said the _call_ was ~~short~~ brief; see [the statement](https://example.com/s "title") and `the transcript`. ![Photo of Putin](putin.jpg) <span class="x">Spanned</span> text.',
        "",
        "Escaped \\*stars\\* stay, AT&amp;T decodes, and <b>bold tags</b> go.",
      ].join("\n"),
      source,
    );
    expect(draft.title).toBe("Trump congratulates Putin");
    expect(texts(draft)).toEqual([
      "The White House said the call was short brief; see the statement and the transcript. Spanned text.",
      "Escaped *stars* stay, AT&T decodes, and bold tags go.",
    ]);
  });

  it("drops inline <script> content as well as its tags", () => {
    const draft = parseMarkdown("# T\n\nBefore <script>alert('SCRIPTTEXT')</script> after.", source);
    expect(texts(draft)).toEqual(["Before after."]);
  });

  it("reads a soft line break as a space and a hard break as a line break", () => {
    const draft = parseMarkdown("# T\n\nOne sentence\ncontinues here.  \nNew line.", source);
    expect(texts(draft)).toEqual(["One sentence continues here.\nNew line."]);
  });
});

describe("parseMarkdown: structure", () => {
  it("makes paragraphs from paragraphs, headings, quotes and (nested) list items", () => {
    const draft = parseMarkdown(
      [
        "# Headline",
        "",
        "Intro.",
        "",
        "## Background",
        "",
        "> Quoted one.",
        ">",
        "> Quoted two.",
        "",
        "- First",
        "- Second",
        "  - Nested",
        "",
        "1. Numbered",
      ].join("\n"),
      source,
    );
    expect(draft.title).toBe("Headline");
    expect(texts(draft)).toEqual([
      "Intro.",
      "Background",
      "Quoted one.",
      "Quoted two.",
      "First",
      "Second",
      "Nested",
      "Numbered",
    ]);
  });

  it("keeps a code block's text as one paragraph, lines intact", () => {
    const draft = parseMarkdown(
      "# T\n\nThe statement:\n\n```\nWe will never allow it.\nNever.\n```\n",
      source,
    );
    expect(texts(draft)).toEqual(["The statement:", "We will never allow it.\nNever."]);
  });

  it("reads each table row as one paragraph of header: value pairs", () => {
    const draft = parseMarkdown(
      "# Results\n\n| Candidate | Share |\n|---|---|\n| Putin | 76.7% |\n| Grudinin | 11.8% |\n",
      source,
    );
    expect(texts(draft)).toEqual(["Candidate: Putin; Share: 76.7%", "Candidate: Grudinin; Share: 11.8%"]);
  });

  it("reads raw HTML blocks as text, without their tags or scripts", () => {
    const draft = parseMarkdown(
      '# T\n\n<div class="note">\n<p>Inside <em>HTML</em>.</p>\n</div>\n\n<script>SCRIPTTEXT</script>\n\nAfter.',
      source,
    );
    expect(texts(draft)).toEqual(["Inside HTML.", "After."]);
  });
});

describe("parseMarkdown: headline", () => {
  it("uses the first heading, even when it is not level 1", () => {
    expect(parseMarkdown("## Small headline\n\nBody.", source).title).toBe("Small headline");
  });

  it("uses the first line when there is no heading, as for plain text", () => {
    const draft = parseMarkdown("Plain **headline**\n\nBody one.\n\nBody two.", source);
    expect(draft.title).toBe("Plain headline");
    expect(texts(draft)).toEqual(["Body one.", "Body two."]);
  });

  it("does not take a later section heading (## Background) as the headline", () => {
    const draft = parseMarkdown("Lead line\n\nBody.\n\n## Background\n\nMore.", source);
    expect(draft.title).toBe("Lead line");
    expect(texts(draft)).toEqual(["Body.", "Background", "More."]);
  });

  it("uses the title option over the document's headline, which is then not repeated", () => {
    const draft = parseMarkdown("# Original\n\nBody.", source, "Given");
    expect(draft.title).toBe("Given");
    expect(texts(draft)).toEqual(["Body."]);
  });
});

describe("parseMarkdown: front matter", () => {
  const withFrontMatter = [
    "---",
    'title: "Putin wins: a fourth term"',
    "date: 2018-03-19",
    "author: 'Jane O''Neil'",
    "tags:",
    "  - russia",
    "canonical_url: https://news.example.com/putin?utm_source=rss",
    "---",
    "",
    "MOSCOW - Putin won.",
    "",
    "Second paragraph.",
  ].join("\n");

  it("takes title, date, author and canonical URL from it and never stores it as text", () => {
    const draft = parseMarkdown(withFrontMatter, source);
    expect(draft.title).toBe("Putin wins: a fourth term");
    expect(draft.publishedAt).toBe("2018-03-19");
    expect(draft.byline).toBe("Jane O'Neil");
    expect(draft.source.canonicalUrl).toBe("https://news.example.com/putin");
    expect(texts(draft)).toEqual(["MOSCOW - Putin won.", "Second paragraph."]);
    expect(draft.paragraphs[0]?.dateline?.place).toBe("MOSCOW");
    expect(texts(draft).join(" ")).not.toMatch(/title:|russia|---/);
  });

  it("drops a heading that repeats the front-matter title", () => {
    const draft = parseMarkdown("---\ntitle: Same\n---\n# Same\n\nBody.", source);
    expect(draft.title).toBe("Same");
    expect(texts(draft)).toEqual(["Body."]);
  });

  it("leaves a horizontal rule at the top alone when it is not front matter", () => {
    const draft = parseMarkdown("---\n\nHeadline here\n\nBody.", source);
    expect(draft.title).toBe("Headline here");
  });
});

describe("parseMarkdown: hostile structure", () => {
  it("refuses quotes nested thousands deep with UNSUPPORTED_CONTENT, not a stack overflow", () => {
    expect(() => parseMarkdown(`# T\n\n${"> ".repeat(5_000)}deep`, source)).toThrow(UserError);
  });

  it("refuses lists nested hundreds deep quickly (marked is cubic in list depth)", () => {
    const list = Array.from({ length: 1_000 }, (_, level) => `${" ".repeat(level * 2)}- item`).join("\n");
    const started = Date.now();
    expect(() => parseMarkdown(`# T\n\n${list}`, source)).toThrow(/nested too deeply/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("still reads ordinary nesting (a few levels of lists inside a quote)", () => {
    const draft = parseMarkdown("# T\n\n> - one\n>   - two\n>     - three", source);
    expect(texts(draft)).toEqual(["one", "two", "three"]);
  });
});
