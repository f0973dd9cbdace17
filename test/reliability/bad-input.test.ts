/**
 * Bad input through the library's front door (`Library.add`, `ask`, `quotes`): each is refused with a
 * UserError that names the problem, and the library is left exactly as it was (manifest bytes,
 * articles, verify). Inputs that are odd but legitimate (Latin-1 text, HTML with scripts, mentions and
 * Markdown in article text) are stored correctly instead: decoded, stripped, kept verbatim as text.
 * URLs are fetched from a loopback server with private addresses refused (allowPrivate: false); the
 * test host "news.test" is the only exemption, resolved to the loopback server by an injected resolver,
 * so every redirect away from it is checked like a real one.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeText } from "../../src/discord/markdown.ts";
import { isUserError } from "../../src/library/errors.ts";
import { type AddRequest, Library } from "../../src/library/library.ts";
import { verifyLibrary } from "../../src/library/store/verify.ts";
import { hashEmbedder } from "../helpers/hash-embedder.ts";
import { tempDir } from "../helpers/temp.ts";
import { type LoopbackServer, redirect, send, startServer } from "../library/ingest/loopback-server.ts";

let server: LoopbackServer;
const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${body}</article></body></html>`;

beforeAll(async () => {
  server = await startServer({
    "/article": send(
      200,
      { "content-type": "text/html; charset=utf-8" },
      page(
        "Harbour reopens",
        "<p>Ships returned to the harbour at dawn on Monday, officials said.</p><p>The port had been closed for a week after the storm.</p>",
      ),
    ),
    "/slow": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.write("<html><body><p>Part of a page");
      // …and never the rest: the fetch deadline must end it.
    },
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/to-loopback": (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.1:${server.port}/article` }).end();
    },
    "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
    "/pdf": send(200, { "content-type": "application/pdf" }, "%PDF-1.7 not an article"),
  });
});

afterAll(async () => {
  await server.close();
});

async function openLibrary(dataDir?: string): Promise<Library> {
  return Library.open({
    dataDir: dataDir ?? (await tempDir()),
    samples: false,
    loadEmbedder: async () => hashEmbedder(),
    ingest: {
      fetch: {
        allowPrivate: false,
        allowHosts: ["news.test"],
        resolve: async (host) => (host === "news.test" ? ["127.0.0.1"] : ["203.0.113.7"]),
        timeoutMs: 1_500,
      },
    },
  });
}

const text = (value: string): AddRequest => ({ input: { kind: "text", text: value }, addedBy: "tester" });
const newsUrl = (route: string) => `http://news.test:${server.port}${route}`;

/** A library holding one article, and a way to prove it did not change. */
async function libraryWithOneArticle() {
  const library = await openLibrary();
  await library.add("local", text("Kept story\n\nThis article must survive every bad input below."));
  const manifestFile = path.join(library.dataDir, "scopes", "local", "manifest.json");
  const before = await fs.readFile(manifestFile, "utf8");
  return {
    library,
    async unchanged() {
      expect(await fs.readFile(manifestFile, "utf8")).toBe(before);
      expect((await library.list("local")).map((a) => a.title)).toEqual(["Kept story"]);
      expect((await verifyLibrary(library.dataDir)).ok).toBe(true);
    },
  };
}

async function writeFile(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(await tempDir(), name);
  await fs.writeFile(file, content);
  return file;
}

const refusals: [string, () => Promise<AddRequest>, string, RegExp][] = [
  [
    "an empty file",
    async () => ({ input: { kind: "file", path: await writeFile("empty.txt", "") }, addedBy: "t" }),
    "EMPTY_INPUT",
    /empty/,
  ],
  [
    "a whitespace-only file",
    async () => ({
      input: { kind: "file", path: await writeFile("blank.txt", " \n\t\n\u00a0\n\n  ") },
      addedBy: "t",
    }),
    "EMPTY_INPUT",
    /empty|whitespace/,
  ],
  [
    "a binary file",
    async () => ({
      input: {
        kind: "file",
        path: await writeFile(
          "photo.txt",
          Uint8Array.from([
            0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3,
          ]),
        ),
      },
      addedBy: "t",
    }),
    "BINARY_INPUT",
    /binary|not text/i,
  ],
  [
    "a 50 MB file",
    async () => {
      const file = path.join(await tempDir(), "huge.txt");
      await fs.writeFile(file, "");
      await fs.truncate(file, 50 * 1024 * 1024); // sparse: measured, never read
      return { input: { kind: "file", path: file }, addedBy: "t" };
    },
    "TOO_LARGE",
    /50 MB.*limit/,
  ],
  [
    "one 500,000-character paragraph",
    async () => text(`Headline\n\n${"word ".repeat(100_000)}`),
    "TOO_LARGE",
    /Paragraph 1 has [\d,]{7} characters; the limit is 50,000/,
  ],
  [
    "a URL answering 404",
    async () => ({ input: { kind: "url", url: newsUrl("/missing") }, addedBy: "t" }),
    "FETCH_FAILED",
    /404/,
  ],
  [
    "a server that never finishes (timeout)",
    async () => ({ input: { kind: "url", url: newsUrl("/slow") }, addedBy: "t" }),
    "FETCH_TIMEOUT",
    /within 1\.5 s/,
  ],
  [
    "a redirect loop",
    async () => ({ input: { kind: "url", url: newsUrl("/loop-a") }, addedBy: "t" }),
    "FETCH_FAILED",
    /loop/,
  ],
  [
    "a redirect to 127.0.0.1",
    async () => ({ input: { kind: "url", url: newsUrl("/to-loopback") }, addedBy: "t" }),
    "FORBIDDEN_URL",
    /127\.0\.0\.1.*redirect|redirect.*127\.0\.0\.1/,
  ],
  [
    "a redirect to 169.254.169.254 (cloud metadata)",
    async () => ({ input: { kind: "url", url: newsUrl("/to-metadata") }, addedBy: "t" }),
    "FORBIDDEN_URL",
    /169\.254\.169\.254/,
  ],
  [
    "a loopback URL given directly",
    async () => ({ input: { kind: "url", url: `http://127.0.0.1:${server.port}/article` }, addedBy: "t" }),
    "FORBIDDEN_URL",
    /127\.0\.0\.1/,
  ],
  [
    "a non-HTML content type",
    async () => ({ input: { kind: "url", url: newsUrl("/pdf") }, addedBy: "t" }),
    "UNSUPPORTED_CONTENT",
    /application\/pdf/,
  ],
];

describe("bad input is refused clearly and changes nothing", () => {
  for (const [what, request, code, message] of refusals) {
    it(`GIVEN ${what} THEN ${code} and the library is unchanged`, async () => {
      const { library, unchanged } = await libraryWithOneArticle();
      const hits = new Map(server.hits);
      await expect(library.add("local", await request())).rejects.toMatchObject({
        name: "UserError",
        code,
        message: expect.stringMatching(message),
      });
      await unchanged();
      if (/redirect to|loopback URL/.test(what)) {
        // Refused before connecting: the loopback article was never requested through the redirect.
        expect(server.hits.get("/article") ?? 0).toBe(hits.get("/article") ?? 0);
      }
    });
  }

  it("GIVEN the same article again (other whitespace and case, or the same URL) THEN it is reported as a duplicate and not stored twice", async () => {
    const { library, unchanged } = await libraryWithOneArticle();
    const again = await library.add(
      "local",
      text("KEPT STORY\n\nThis  article must survive every bad input   below."),
    );
    expect(again).toMatchObject({ duplicate: true, duplicateOf: "text", title: "Kept story" });
    await unchanged();
    const first = await library.add("local", {
      input: { kind: "url", url: newsUrl("/article") },
      addedBy: "t",
    });
    expect(first.duplicate).toBe(false);
    const second = await library.add("local", {
      input: { kind: "url", url: `${newsUrl("/article")}?utm_source=x#top` },
      addedBy: "t",
    });
    expect(second).toMatchObject({ duplicate: true, articleId: first.articleId });
    expect(await library.list("local")).toHaveLength(2);
  });

  it("GIVEN questions of 0 and 10,000 characters THEN the empty one is refused and the long one is cut, with a note", async () => {
    const { library, unchanged } = await libraryWithOneArticle();
    for (const question of ["", "   ", "?!…"]) {
      await expect(library.ask("local", question)).rejects.toMatchObject({
        name: "UserError",
        code: "BAD_USAGE",
      });
    }
    const long = `What survived ${"the bad input and more ".repeat(500)}`.slice(0, 9_999).concat("?");
    expect(long).toHaveLength(10_000);
    const started = performance.now();
    const result = await library.ask("local", long);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.question.length).toBeLessThanOrEqual(1_000);
    expect(result.note).toMatch(/10,000 characters long; only its first 1,000 were used/);
    await unchanged();
  });

  it("GIVEN a speaker name with regular-expression metacharacters THEN quotes answers without throwing", async () => {
    const { library } = await libraryWithOneArticle();
    await library.add(
      "local",
      text('Council vote\n\n"The bridge stays open," said Mayor Ana Ruiz (Labour).'),
    );
    for (const speaker of ["Ruiz.*", "(?<x>", "a{99999}", "Ana Ruiz (Labour"]) {
      const result = await library.quotes("local", speaker);
      expect(Array.isArray(result.quotes), speaker).toBe(true);
      await library.speakers("local", speaker);
    }
    // No letter or digit at all: refused as a usage error, as a punctuation-only question is.
    for (const speaker of [".*(", "[", "\\"]) {
      await expect(library.quotes("local", speaker), speaker).rejects.toMatchObject({ code: "BAD_USAGE" });
      await library.speakers("local", speaker);
    }
  });
});

describe("odd but legitimate input is stored correctly", () => {
  it("GIVEN Latin-1 (Windows-1252) text THEN it is decoded, never stored as mojibake", async () => {
    const library = await openLibrary();
    // Latin-1 letters, and the Windows-1252 bytes of “ ” — € (0x93 0x94 0x97 0x80).
    const cp1252 = Buffer.from(
      "Café reopens\n\nThe café served crème brûlée to \x93regulars\x94 \x97 \x805 each.",
      "latin1",
    );
    const file = await writeFile("latin1.txt", cp1252);
    const added = await library.add("local", { input: { kind: "file", path: file }, addedBy: "t" });
    const article = await library.get("local", added.articleId);
    expect(article.title).toBe("Café reopens");
    expect(article.paragraphs[0]!.text).toBe("The café served crème brûlée to “regulars” — €5 each.");
    expect(JSON.stringify(article)).not.toMatch(/Ã|Â|\uFFFD/);
  });

  // Found by this suite: UTF-8 with one stray byte was once read whole as Windows-1252 ("café" → "cafÃ©").
  it("GIVEN UTF-8 text with one invalid byte THEN it is decoded or refused, never stored as mojibake", async () => {
    const library = await openLibrary();
    const bytes = Buffer.concat([
      Buffer.from("Café reopens\n\nThe café served crème brûlée", "utf8"),
      Buffer.from([0xff]),
      Buffer.from(" all week.", "utf8"),
    ]);
    const file = await writeFile("mixed.txt", bytes);
    let stored = "";
    try {
      const added = await library.add("local", { input: { kind: "file", path: file }, addedBy: "t" });
      stored = JSON.stringify(await library.get("local", added.articleId));
    } catch (error) {
      if (!isUserError(error)) throw error;
      return; // refused: fine
    }
    expect(stored).not.toMatch(/Ã/);
  });

  it("GIVEN words that are also JavaScript prototype keys (constructor, toString) THEN articles with them are stored and found by keyword", async () => {
    const library = await openLibrary();
    const added = await library.add(
      "local",
      text(
        "Bridge builder\n\nThe constructor of the bridge said toString and hasOwnProperty are odd words.\n\nThe __proto__ of the plan was valueOf.",
      ),
    );
    expect(added.duplicate).toBe(false);
    const { stores } = await library.searchContext("local");
    expect(stores[0]!.keywords.query("bridge constructor toString", 5, { fuzzy: true })[0]?.articleId).toBe(
      added.articleId,
    );
    expect(stores[0]!.keywords.documentFrequency("constructor")).toBeGreaterThanOrEqual(0);
    expect((await verifyLibrary(library.dataDir)).ok).toBe(true);
  });

  // Found by this suite: lookup tables keyed by words had Object's prototype ("constructor" found a function).
  it("GIVEN a question about 'the constructor' THEN it is answered", async () => {
    const library = await openLibrary();
    const added = await library.add(
      "local",
      text("Bridge builder\n\nThe constructor of the bridge said toString and hasOwnProperty are odd words."),
    );
    const answer = await library.ask("local", "what did the constructor say about toString");
    expect(answer.results[0]?.articleId).toBe(added.articleId);
  });

  it("keywordTerm returns a string or null for every word, prototype keys included", async () => {
    const { keywordTerm } = await import("../../src/library/text/terms.ts");
    for (const word of [
      "constructor",
      "toString",
      "hasOwnProperty",
      "valueOf",
      "__proto__",
      "isPrototypeOf",
    ]) {
      const term: unknown = keywordTerm(word);
      expect(term === null || typeof term === "string", word).toBe(true);
    }
  });

  it("GIVEN HTML with scripts, iframes and styles THEN none of their content is stored as text", async () => {
    const library = await openLibrary();
    const html = page(
      "Storm damage",
      `<p>Roofs were torn off in the night, residents said.</p>
       <script>document.write("SCRIPT-PAYLOAD"); alert("x")</script>
       <iframe src="https://evil.example/frame">IFRAME-FALLBACK</iframe>
       <style>.x { content: "STYLE-PAYLOAD" }</style>
       <noscript>NOSCRIPT-PAYLOAD</noscript>
       <p>Repairs will take weeks, the council said.</p>`,
    );
    const file = await writeFile("storm.html", html);
    const added = await library.add("local", { input: { kind: "file", path: file }, addedBy: "t" });
    const stored = JSON.stringify(await library.get("local", added.articleId));
    for (const payload of [
      "SCRIPT-PAYLOAD",
      "alert(",
      "IFRAME-FALLBACK",
      "evil.example",
      "STYLE-PAYLOAD",
      "NOSCRIPT-PAYLOAD",
      "<script",
      "<iframe",
    ]) {
      expect(stored, payload).not.toContain(payload);
    }
    expect(stored).toContain("Repairs will take weeks");
  });

  it("GIVEN article text with @everyone, role mentions and Markdown links THEN it is stored and returned verbatim, and Discord rendering defuses it", async () => {
    const library = await openLibrary();
    const paragraph =
      "Hey @everyone and <@&123> and <@456>: read **this** [totally safe](https://evil.example/x) now.";
    const added = await library.add(
      "local",
      text(`Mentions story @here\n\n${paragraph}\n\nA second, plain paragraph about the harbour.`),
    );
    const article = await library.get("local", added.articleId);
    expect(article.paragraphs[0]!.text).toBe(paragraph);
    const answer = await library.ask("local", "what should everyone read");
    const hit = answer.results.find((r) => r.articleId === added.articleId && r.paragraph === 1);
    expect(hit?.text).toBe(paragraph);
    const shown = escapeText(paragraph);
    expect(shown).not.toMatch(/(^|[^\\])<@/); // mention markup shown as text
    expect(shown).not.toMatch(/(^|[^\\])\*\*this/); // no bold
    expect(shown).not.toMatch(/(^|[^\\])\[totally safe\]\(/); // no masked link
  });
});

describe("paths that are not files", () => {
  it("GIVEN a loop of symbolic links THEN add refuses it with BAD_USAGE, changing nothing", async () => {
    const dir = await tempDir();
    const loop = path.join(dir, "loop.txt");
    await fs.symlink(loop, loop);
    const library = await Library.open({
      dataDir: await tempDir(),
      samples: false,
      loadEmbedder: async () => hashEmbedder(),
    });
    const error = await library
      .add("local", { input: { kind: "file", path: loop }, addedBy: "t" })
      .catch((e) => e);
    expect(isUserError(error)).toBe(true);
    expect(error).toMatchObject({ code: "BAD_USAGE" });
    expect(error.message).toMatch(/loop of symbolic links/);
    expect(await library.list("local")).toEqual([]);
  });
});
