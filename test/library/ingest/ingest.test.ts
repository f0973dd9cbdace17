import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { describeInput, type IngestInput, ingest } from "../../../src/library/ingest/index.ts";
import { type LoopbackServer, send, startServer } from "./loopback-server.ts";

const PNG_HEADER = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const ARTICLE = "Headline of the story\n\nFirst paragraph of the story.\n\nSecond paragraph of the story.\n";

let dir: string;
let server: LoopbackServer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "byline-ingest-"));
  server = await startServer({
    "/story": send(
      200,
      { "content-type": "text/html; charset=utf-8" },
      `<!doctype html><html><head><title>Web story | Example</title>
       <link rel="canonical" href="/story?utm_source=feed">
       <meta property="article:published_time" content="2018-03-20T10:00:00Z"></head>
       <body><article><p>MOSCOW - The web story's first paragraph, long enough to be an article.</p>
       <p>Its second paragraph.</p></article></body></html>`,
    ),
    "/plain": send(200, { "content-type": "text/plain" }, ARTICLE),
    "/latin1": send(
      200,
      { "content-type": "text/plain; charset=iso-8859-1" },
      Buffer.from("Caf\xe9 story\n\nThe caf\xe9 opened.\n", "latin1"),
    ),
    "/meta-1251": send(
      200,
      { "content-type": "text/html" },
      Buffer.concat([
        Buffer.from('<html><head><meta charset="windows-1251"><title>Cyrillic</title></head><body><p>'),
        Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]), // "Москва" in Windows-1251
        Buffer.from(" is the capital.</p></body></html>"),
      ]),
    ),
    "/empty": send(200, { "content-type": "text/html" }, "   \n  "),
  });
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "expected ingest to refuse").toBeInstanceOf(UserError);
  return error as UserError;
}

describe("ingest: files", () => {
  it("reads a .txt file as plain text, first line the headline, with file source metadata", async () => {
    const draft = await ingest({ kind: "file", path: await file("story.txt", ARTICLE) });
    expect(draft.title).toBe("Headline of the story");
    expect(draft.paragraphs.map((p) => p.text)).toEqual([
      "First paragraph of the story.",
      "Second paragraph of the story.",
    ]);
    expect(draft.source).toEqual({ kind: "file", fileName: "story.txt" });
  });

  it("reads .md as Markdown and .html as HTML, by extension", async () => {
    const md = await ingest({
      kind: "file",
      path: await file("story.md", "# The *headline*\n\nA **bold** claim."),
    });
    expect(md.title).toBe("The headline");
    expect(md.paragraphs[0]?.text).toBe("A bold claim.");
    const html = await ingest({
      kind: "file",
      path: await file(
        "story.htm",
        "<html><head><title>Saved page</title></head><body><p>Saved text.</p></body></html>",
      ),
    });
    expect(html.title).toBe("Saved page");
    expect(html.paragraphs[0]?.text).toBe("Saved text.");
  });

  it("keeps a .txt file plain even when it starts with '# ' (the extension decides)", async () => {
    const draft = await ingest({ kind: "file", path: await file("hash.txt", "# Not markdown\n\nBody.") });
    expect(draft.title).toBe("# Not markdown");
  });

  it("sniffs the format of a file without an extension", async () => {
    const draft = await ingest({
      kind: "file",
      path: await file("README", "<!doctype html><title>Sniffed</title><p>Body.</p>"),
    });
    expect(draft.title).toBe("Sniffed");
  });

  it("refuses an empty file with EMPTY_INPUT naming it", async () => {
    const error = await refusal(ingest({ kind: "file", path: await file("empty.txt", "") }));
    expect(error.code).toBe("EMPTY_INPUT");
    expect(error.message).toContain("empty.txt");
  });

  it("refuses a whitespace-only file with EMPTY_INPUT", async () => {
    const error = await refusal(
      ingest({ kind: "file", path: await file("blank.txt", " \n\t\r\n \u00a0\n") }),
    );
    expect(error.code).toBe("EMPTY_INPUT");
  });

  it("refuses a binary file (PNG header bytes) with BINARY_INPUT", async () => {
    const error = await refusal(ingest({ kind: "file", path: await file("image.txt", PNG_HEADER) }));
    expect(error.code).toBe("BINARY_INPUT");
    expect(error.message).toContain("image.txt");
  });

  it('decodes Latin-1 bytes correctly ("café"), not as mojibake', async () => {
    const draft = await ingest({
      kind: "file",
      path: await file(
        "latin1.txt",
        Buffer.from("Caf\xe9 society\n\nThe caf\xe9 \x93opened\x94 on Sunday.", "latin1"),
      ),
    });
    expect(draft.title).toBe("Café society");
    expect(draft.paragraphs[0]?.text).toBe("The café “opened” on Sunday.");
  });

  it("decodes a UTF-16 file with a byte-order mark", async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Wide headline\n\nWide body.", "utf16le"),
    ]);
    const draft = await ingest({ kind: "file", path: await file("wide.txt", utf16) });
    expect(draft.title).toBe("Wide headline");
  });

  it("honours <meta charset> in an HTML file", async () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1251"><title>Cyrillic</title></head><body><p>'),
      Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]),
      Buffer.from("</p></body></html>"),
    ]);
    const draft = await ingest({ kind: "file", path: await file("cyrillic.html", bytes) });
    expect(draft.paragraphs[0]?.text).toBe("Москва");
  });

  it("refuses a file over maxFileBytes with TOO_LARGE naming the sizes", async () => {
    const big = await file("big.txt", `Title\n\n${"word ".repeat(30_000)}`);
    const error = await refusal(ingest({ kind: "file", path: big }, { maxFileBytes: 100_000 }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("big.txt");
    expect(error.message).toContain("limit is 0.1 MB");
  });

  it("refuses a missing path with NOT_FOUND naming it", async () => {
    const missing = path.join(dir, "nope", "missing.txt");
    const error = await refusal(ingest({ kind: "file", path: missing }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain(missing);
  });

  it("refuses a directory clearly", async () => {
    const folder = path.join(dir, "folder.txt");
    await mkdir(folder, { recursive: true });
    const error = await refusal(ingest({ kind: "file", path: folder }));
    expect(error.code).toBe("BAD_USAGE");
    expect(error.message).toContain("is a folder");
  });

  it.each(["report.pdf", "letter.docx", "photo.png"])(
    "refuses %s with UNSUPPORTED_CONTENT listing the formats that work",
    async (name) => {
      const error = await refusal(ingest({ kind: "file", path: await file(name, "irrelevant") }));
      expect(error.code).toBe("UNSUPPORTED_CONTENT");
      expect(error.message).toContain(path.extname(name));
      expect(error.message).toMatch(/\.txt.*\.md.*\.html/);
    },
  );

  it("refuses a 500,000-character paragraph with TOO_LARGE, naming the file", async () => {
    const error = await refusal(
      ingest({ kind: "file", path: await file("wall.txt", `Title\n\n${"a".repeat(500_000)}`) }),
    );
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("wall.txt");
    expect(error.message).toContain("Paragraph 1");
  });
});

describe("ingest: stdin and uploads", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("sniffs HTML on stdin and records the source as stdin", async () => {
    const draft = await ingest({
      kind: "bytes",
      bytes: bytes("<!DOCTYPE html><title>Piped</title><p>Body.</p>"),
      origin: "stdin",
    });
    expect(draft.title).toBe("Piped");
    expect(draft.source).toEqual({ kind: "stdin" });
  });

  it("sniffs Markdown (front matter or a leading # heading) on stdin", async () => {
    expect(
      (await ingest({ kind: "bytes", bytes: bytes("# **Piped** md\n\nBody."), origin: "stdin" })).title,
    ).toBe("Piped md");
    expect(
      (await ingest({ kind: "bytes", bytes: bytes("---\ntitle: FM\n---\nBody."), origin: "stdin" })).title,
    ).toBe("FM");
  });

  it("uses an upload's content type when its name has no known extension", async () => {
    const draft = await ingest({
      kind: "bytes",
      bytes: bytes("# Uploaded\n\nBody."),
      fileName: "attachment",
      contentType: "text/markdown; charset=utf-8",
      origin: "upload",
    });
    expect(draft.title).toBe("Uploaded");
    expect(draft.source).toEqual({ kind: "file", fileName: "attachment" });
  });

  it("refuses an upload whose content type is not text", async () => {
    const error = await refusal(
      ingest({
        kind: "bytes",
        bytes: PNG_HEADER,
        fileName: "image",
        contentType: "image/png",
        origin: "upload",
      }),
    );
    expect(error.code).toBe("UNSUPPORTED_CONTENT");
    expect(error.message).toContain('"image/png"');
  });

  it("honours <meta charset> in HTML sniffed on stdin", async () => {
    const html = Buffer.concat([
      Buffer.from('<!doctype html><html><head><meta charset="windows-1251"><title>T</title></head><body><p>'),
      Buffer.from([0xcc, 0xee, 0xf1, 0xea, 0xe2, 0xe0]),
      Buffer.from("</p></body></html>"),
    ]);
    const draft = await ingest({ kind: "bytes", bytes: html, origin: "stdin" });
    expect(draft.paragraphs[0]?.text).toBe("Москва");
  });

  it("refuses empty stdin with EMPTY_INPUT", async () => {
    const error = await refusal(ingest({ kind: "bytes", bytes: new Uint8Array(), origin: "stdin" }));
    expect(error.code).toBe("EMPTY_INPUT");
    expect(error.message).toContain("stdin");
  });

  it("refuses bytes over maxFileBytes", async () => {
    const error = await refusal(
      ingest({ kind: "bytes", bytes: bytes("x".repeat(2_000)), origin: "stdin" }, { maxFileBytes: 1_000 }),
    );
    expect(error.code).toBe("TOO_LARGE");
  });
});

describe("ingest: text", () => {
  it("parses the format it is told", async () => {
    const draft = await ingest({ kind: "text", text: "# Not a heading here\n\nBody.", format: "text" });
    expect(draft.title).toBe("# Not a heading here");
    expect(draft.source).toEqual({ kind: "text" });
  });

  it("sniffs mostly-tag text as HTML", async () => {
    const draft = await ingest({ kind: "text", text: "<h1>Tagged</h1><p>First.</p><p>Second.</p>" });
    expect(draft.title).toBe("Tagged");
    expect(draft.paragraphs.map((p) => p.text)).toEqual(["First.", "Second."]);
  });

  it("applies the title option", async () => {
    const draft = await ingest({ kind: "text", text: ARTICLE }, { title: "  Given title " });
    expect(draft.title).toBe("Given title");
  });

  it("names the input when the parser finds a headline but no body", async () => {
    const error = await refusal(ingest({ kind: "text", text: "Just a headline" }));
    expect(error.code).toBe("NO_CONTENT");
    expect(error.message).toMatch(/^The pasted text: /);
  });
});

describe("ingest: URLs (loopback server, allowPrivate: true)", () => {
  const fetch = { allowPrivate: true };

  it("fetches and parses an HTML page with url, canonical URL and date", async () => {
    const url = server.url("/story?utm_source=share#top");
    const draft = await ingest({ kind: "url", url }, { fetch });
    expect(draft.title).toBe("Web story");
    expect(draft.source).toEqual({ kind: "url", url, canonicalUrl: `${server.origin}/story` });
    expect(draft.publishedAt).toBe("2018-03-20T10:00:00Z");
    expect(draft.paragraphs[0]).toMatchObject({ n: 1, dateline: { place: "MOSCOW" } });
  });

  it("parses text/plain as a plain-text article with the final URL as canonical", async () => {
    const draft = await ingest({ kind: "url", url: server.url("/plain") }, { fetch });
    expect(draft.title).toBe("Headline of the story");
    expect(draft.source.canonicalUrl).toBe(server.url("/plain"));
  });

  it("decodes with the Content-Type charset", async () => {
    const draft = await ingest({ kind: "url", url: server.url("/latin1") }, { fetch });
    expect(draft.title).toBe("Café story");
  });

  it("decodes with the page's <meta charset> when the header has none", async () => {
    const draft = await ingest({ kind: "url", url: server.url("/meta-1251") }, { fetch });
    expect(draft.paragraphs[0]?.text).toBe("Москва is the capital.");
  });

  it("refuses an empty page with EMPTY_INPUT naming the URL", async () => {
    const error = await refusal(ingest({ kind: "url", url: server.url("/empty") }, { fetch }));
    expect(error.code).toBe("EMPTY_INPUT");
    expect(error.message).toContain(server.url("/empty"));
  });

  it("refuses loopback when private addresses are not allowed (the default)", async () => {
    const error = await refusal(ingest({ kind: "url", url: server.url("/story") }));
    expect(error.code).toBe("FORBIDDEN_URL");
  });
});

describe("describeInput", () => {
  it.each<[IngestInput, string]>([
    [{ kind: "file", path: "/some/dir/story.txt" }, "story.txt"],
    [{ kind: "url", url: " https://example.com/a " }, "https://example.com/a"],
    [{ kind: "bytes", bytes: new Uint8Array(), origin: "stdin" }, "stdin"],
    [{ kind: "bytes", bytes: new Uint8Array(), origin: "upload", fileName: "upload.md" }, "upload.md"],
    [{ kind: "text", text: "x" }, "the pasted text"],
  ])("labels %j as %j", (input, label) => {
    expect(describeInput(input)).toBe(label);
  });
});
