import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { parseHtml, stripSiteName } from "../../../src/library/ingest/html.ts";
import type { ArticleDraft } from "../../../src/library/types.ts";

const source = { kind: "url" as const, url: "https://news.example.com/world/story" };
const url = "https://news.example.com/world/story?utm_source=twitter";

const BODY = `
  <p>MOSCOW - President Donald Trump on Tuesday congratulated Vladimir Putin on his re-election, a week after the United States took a harder stance toward Russia.</p>
  <p>Putin won a landslide victory in Sunday&39;s presidential election, extending his rule over the world&amp;#39;s largest country for another six years.</p>
  <p>&ldquo;I congratulated him on the victory,&rdquo; Trump told reporters at the White House &amp; later left.</p>`;

function page(head: string, body = BODY): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

function texts(draft: ArticleDraft): string[] {
  return draft.paragraphs.map((paragraph) => paragraph.text);
}

describe("parseHtml: what is never stored as text", () => {
  const hostile = page(
    `<title>Story</title><style>p { color: red } .STYLETEXT {}</style><script>var SCRIPTTEXT = 1;</script>`,
    `<nav><a href="/">NAVTEXT Home</a> <a href="/world">World</a></nav>
     <article>
       <h1>Story</h1>
       ${BODY}
       <script>document.write("SCRIPTTEXT inside the article")</script>
       <iframe src="https://ads.example/">IFRAMETEXT</iframe>
       <iframe src="https://www.youtube.com/embed/xyz">IFRAMETEXT video</iframe>
       <noscript>NOSCRIPTTEXT please enable JavaScript</noscript>
       <form action="/subscribe"><label>FORMTEXT Your email</label><input name="email" value="INPUTTEXT"><button>FORMTEXT Subscribe</button></form>
       <template><p>TEMPLATETEXT</p></template>
       <p hidden>HIDDENTEXT</p>
       <svg><text>SVGTEXT</text></svg>
     </article>`,
  );

  it("keeps script, style, iframe, noscript, form, template, hidden and svg content out of every paragraph", () => {
    const all = texts(parseHtml(hostile, { url, source })).join("\n");
    for (const marker of [
      "SCRIPTTEXT",
      "STYLETEXT",
      "IFRAMETEXT",
      "NOSCRIPTTEXT",
      "FORMTEXT",
      "INPUTTEXT",
      "TEMPLATETEXT",
      "HIDDENTEXT",
      "SVGTEXT",
      "NAVTEXT",
    ]) {
      expect(all, marker).not.toContain(marker);
    }
    expect(all).toContain("congratulated Vladimir Putin");
  });

  it("keeps them out of the body fallback too (content outside <body>, which Readability cannot see)", () => {
    const draft = parseHtml(
      `<html><p>Text directly under html, with no body element at all.</p><script>SCRIPTTEXT</script><nav>NAVTEXT</nav><iframe>IFRAMETEXT</iframe></html>`,
      { title: "Odd page", source },
    );
    expect(texts(draft)).toEqual(["Text directly under html, with no body element at all."]);
  });
});

describe("parseHtml: text", () => {
  it("decodes entities, including the mangled (&39;) and double-encoded (&amp;#39;) forms", () => {
    const draft = parseHtml(page("<title>Story</title>"), { url, source });
    expect(texts(draft)).toContain(
      "Putin won a landslide victory in Sunday's presidential election, extending his rule over the world's largest country for another six years.",
    );
    expect(texts(draft).join("\n")).toContain(
      "“I congratulated him on the victory,” Trump told reporters at the White House & later left.",
    );
  });

  it("makes one paragraph per block: list items, quoted paragraphs, headings and preformatted text", () => {
    const draft = parseHtml(
      page(
        "<title>Blocks</title>",
        `<article><p>Intro paragraph with enough words to count as prose in this article.</p>
         <h2>What happened</h2>
         <ul><li>First point.</li><li><p>Second point, in a paragraph.</p></li></ul>
         <blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
         <pre>Line one
Line two</pre>
         <p>A line<br>break inside a paragraph.</p></article>`,
      ),
      { source },
    );
    expect(texts(draft)).toEqual([
      "Intro paragraph with enough words to count as prose in this article.",
      "What happened",
      "First point.",
      "Second point, in a paragraph.",
      "Quoted one.",
      "Quoted two.",
      "Line one\nLine two",
      "A line\nbreak inside a paragraph.",
    ]);
  });

  it("turns a <figcaption> into a paragraph flagged as a caption, and still finds the dateline after it", () => {
    const draft = parseHtml(
      page(
        "<title>Story</title>",
        `<article><figure><img src="a.jpg" alt="ALTTEXT"><figcaption>The two leaders at the summit.</figcaption></figure>${BODY}</article>`,
      ),
      { url, source },
    );
    const [caption, first] = draft.paragraphs;
    expect(caption).toMatchObject({ n: 1, kind: "caption", text: "The two leaders at the summit." });
    expect(first).toMatchObject({ n: 2, kind: "body", dateline: { place: "MOSCOW" } });
    expect(texts(draft).join(" ")).not.toContain("ALTTEXT");
  });

  it("does not repeat the headline or the byline line as paragraphs", () => {
    const draft = parseHtml(
      page(
        '<title>Trump congratulates Putin</title><meta name="author" content="Jane Doe">',
        `<article><h1>Trump congratulates Putin</h1><p class="byline">By Jane Doe</p>${BODY}</article>`,
      ),
      { url, source },
    );
    expect(draft.paragraphs[0]?.text).toMatch(/^MOSCOW - /);
    expect(draft.byline).toBe("Jane Doe");
  });
});

describe("parseHtml: headline", () => {
  it("prefers og:title", () => {
    const draft = parseHtml(
      page('<meta property="og:title" content="The OG headline"><title>Other | Site</title>'),
      {
        url,
        source,
      },
    );
    expect(draft.title).toBe("The OG headline");
  });

  it('falls back to <title>, without its " | Site Name" suffix', () => {
    const draft = parseHtml(page("<title>Trump congratulates Putin on election win | Reuters</title>"), {
      url,
      source,
    });
    expect(draft.title).toBe("Trump congratulates Putin on election win");
  });

  it("falls back to the first <h1> when there is no <title>", () => {
    const draft = parseHtml(page("", `<h1>Only an h1 headline</h1>${BODY}`), { source });
    expect(draft.title).toBe("Only an h1 headline");
  });

  it("uses the title option over anything in the page", () => {
    const draft = parseHtml(page("<title>Page title</title>"), { url, title: "Given title", source });
    expect(draft.title).toBe("Given title");
  });

  it.each([
    ["Putin wins | World | Reuters", {}, "Putin wins"],
    ["Putin wins - The Daily Planet", { siteName: "The Daily Planet" }, "Putin wins"],
    ["Putin wins — news.example.com", {}, "Putin wins"],
    ["Example News: Putin wins", {}, "Example News: Putin wins"],
    ["Trump - Putin call was 'constructive'", {}, "Trump - Putin call was 'constructive'"],
    ["BBC News | Putin wins a fourth term", { siteName: "BBC News" }, "Putin wins a fourth term"],
  ])("strips site names sensibly: %j", (title, metadata, expected) => {
    expect(stripSiteName(title, metadata)).toBe(expected);
  });
});

describe("parseHtml: publication date", () => {
  it.each([
    [
      '<meta property="article:published_time" content="2018-03-20T10:00:00+03:00">',
      "",
      "2018-03-20T10:00:00+03:00",
    ],
    [
      '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","datePublished":"2018-03-20T07:00:00Z"}]}</script>',
      "",
      "2018-03-20T07:00:00Z",
    ],
    ["", '<time datetime="2018-03-20">March 20</time>', "2018-03-20"],
    ['<meta name="date" content="Tue, 20 Mar 2018 10:00:00 GMT">', "", "2018-03-20T10:00:00.000Z"],
    ['<meta name="pubdate" content="2018-03-20 10:00">', "", "2018-03-20T10:00"],
    ['<meta name="dc.date" content="2018-03-20">', "", "2018-03-20"],
  ])("reads %s%s as ISO 8601", (head, body, expected) => {
    const draft = parseHtml(page(`<title>Story</title>${head}`, `${body}${BODY}`), { url, source });
    expect(draft.publishedAt).toBe(expected);
  });

  it("ignores broken JSON-LD and dates that are not dates", () => {
    const draft = parseHtml(
      page(
        '<title>Story</title><script type="application/ld+json">{not json</script><meta name="date" content="yesterday">',
      ),
      { url, source },
    );
    expect(draft.publishedAt).toBeUndefined();
  });
});

describe("parseHtml: canonical URL", () => {
  it("resolves a relative <link rel=canonical> against the page URL and strips tracking params and fragment", () => {
    const draft = parseHtml(
      page(
        '<title>Story</title><link rel="canonical" href="/world/story?id=7&utm_source=x&fbclid=abc&gclid=def#comments">',
      ),
      { url, source },
    );
    expect(draft.source).toEqual({ ...source, canonicalUrl: "https://news.example.com/world/story?id=7" });
  });

  it("uses og:url when there is no canonical link", () => {
    const draft = parseHtml(
      page(
        '<title>Story</title><meta property="og:url" content="https://news.example.com/og?utm_medium=social">',
      ),
      {
        url,
        source,
      },
    );
    expect(draft.source.canonicalUrl).toBe("https://news.example.com/og");
  });

  it("falls back to the final URL, cleaned", () => {
    const draft = parseHtml(page("<title>Story</title>"), { url: `${url}&utm_campaign=y#top`, source });
    expect(draft.source.canonicalUrl).toBe("https://news.example.com/world/story");
  });

  it("ignores a canonical link that is not http(s)", () => {
    const draft = parseHtml(page('<title>Story</title><link rel="canonical" href="javascript:alert(1)">'), {
      url,
      source,
    });
    expect(draft.source.canonicalUrl).toBe("https://news.example.com/world/story");
  });
});

describe("parseHtml: pages with no article", () => {
  it("refuses a page with no text with NO_CONTENT explaining why", () => {
    const attempt = () =>
      parseHtml(page("<title>App shell</title>", '<div id="root"></div><script>render()</script>'), {
        source,
      });
    expect(attempt).toThrow(UserError);
    expect(attempt).toThrow(/"App shell" has no article text.*JavaScript/);
  });
});

describe("parseHtml: hostile structure", () => {
  it("reads a page nested thousands of elements deep with the body fallback, in seconds", () => {
    const depth = 5_000;
    const html = page(
      "<title>Deep</title>",
      `${"<div>".repeat(depth)}<p>Deep text here.</p><p>And more.</p>${"</div>".repeat(depth)}`,
    );
    const started = Date.now();
    const draft = parseHtml(html, { source });
    expect(texts(draft)).toEqual(["Deep text here.", "And more."]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("parseHtml: entities the parser already decoded", () => {
  it("keeps text that shows markup as markup ('&lt;p&gt;' stays '<p>' literally shown, not a tag)", () => {
    const draft = parseHtml(
      "<html><head><title>Tags</title></head><body><article><p>Writers type &amp;lt;p&amp;gt; to start a paragraph in HTML, the guide says.</p></article></body></html>",
      { url, source },
    );
    expect(texts(draft).join("\n")).toContain("Writers type &lt;p&gt; to start a paragraph");
  });
});
