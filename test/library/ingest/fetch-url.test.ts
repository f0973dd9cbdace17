import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../src/library/errors.ts";
import { type FetchOptions, fetchUrl } from "../../../src/library/ingest/fetch-url.ts";
import { type LoopbackServer, redirect, send, startServer } from "./loopback-server.ts";

const PAGE = `<!doctype html><html><head><title>Story</title></head><body><p>Hello from loopback.</p></body></html>`;
const LATIN1_CAFE = Buffer.from("<p>Un caf\xe9 \xe0 Paris</p>", "latin1");

let server: LoopbackServer;
const open: FetchOptions = { allowPrivate: true };

beforeAll(async () => {
  server = await startServer({
    "/article": send(200, { "content-type": "text/html; charset=utf-8" }, PAGE),
    "/plain": send(200, { "content-type": "text/plain" }, "Headline\n\nBody text."),
    "/redirect": redirect("/article"),
    "/redirect-301": redirect("/article", 301),
    "/latin1": send(200, { "content-type": "text/html; charset=ISO-8859-1" }, LATIN1_CAFE),
    "/no-type": (_request, response) => {
      response.removeHeader("content-type");
      response.writeHead(200).end(PAGE);
    },
    "/gzip": send(200, { "content-type": "text/html", "content-encoding": "gzip" }, gzipSync(PAGE)),
    "/missing": send(404, { "content-type": "text/html" }, "<h1>Not found</h1>"),
    "/broken": send(500, { "content-type": "text/html" }, "<h1>Oops</h1>"),
    "/pdf": send(200, { "content-type": "application/pdf" }, "%PDF-1.7"),
    "/slow": () => {
      // Never answers: the client's deadline must end it.
    },
    "/slow-body": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.write("<p>first part");
      // …and the rest never comes.
    },
    "/loop-a": redirect("/loop-b"),
    "/loop-b": redirect("/loop-a"),
    "/chain": (request, response) => {
      const step = Number(new URL(request.url ?? "", "http://x").searchParams.get("n") ?? 0);
      response.writeHead(302, { location: `/chain?n=${step + 1}` }).end();
    },
    "/no-location": send(302, {}),
    "/to-ftp": redirect("ftp://example.com/file"),
    "/big-declared": (_request, response) => {
      response.writeHead(200, { "content-type": "text/html", "content-length": 10 * 1024 * 1024 });
      response.write("<p>");
      // The body would be 10 MB; the client must refuse on the header alone.
    },
    "/big-streamed": (_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" }); // chunked: no Content-Length
      const chunk = "x".repeat(16 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && !response.destroyed) {
          sent++;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
        response.end();
      };
      pump();
    },
    "/gzip-bomb": send(
      200,
      { "content-type": "text/plain", "content-encoding": "gzip" },
      gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x61)),
    ),
    "/to-loopback": (_request, response) => {
      response.writeHead(302, { location: server.url("/article") }).end();
    },
    "/to-metadata": redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-private": redirect("http://10.0.0.1/admin"),
  });
});

afterAll(async () => {
  await server.close();
});

/** Awaits a rejection and returns it as a UserError (failing the test if it is anything else). */
async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, "expected the fetch to be refused").toBeInstanceOf(UserError);
  return error as UserError;
}

describe("fetchUrl on a loopback server (allowPrivate: true)", () => {
  it("returns the bytes, media type, charset and final URL of an HTML page", async () => {
    const document = await fetchUrl(server.url("/article"), open);
    expect(document).toMatchObject({
      finalUrl: server.url("/article"),
      contentType: "text/html",
      charset: "utf-8",
    });
    expect(Buffer.from(document.bytes).toString("utf8")).toBe(PAGE);
  });

  it("accepts text/plain", async () => {
    const document = await fetchUrl(server.url("/plain"), open);
    expect(document.contentType).toBe("text/plain");
    expect(Buffer.from(document.bytes).toString("utf8")).toContain("Body text.");
  });

  it("follows a redirect to an allowed page and reports the final URL", async () => {
    for (const path of ["/redirect", "/redirect-301"]) {
      const document = await fetchUrl(server.url(path), open);
      expect(document.finalUrl).toBe(server.url("/article"));
    }
  });

  it("passes on the charset the Content-Type declares, leaving the bytes untouched", async () => {
    const document = await fetchUrl(server.url("/latin1"), open);
    expect(document.charset).toBe("ISO-8859-1");
    expect(Buffer.from(document.bytes).equals(LATIN1_CAFE)).toBe(true);
  });

  it("decompresses a gzip body", async () => {
    const document = await fetchUrl(server.url("/gzip"), open);
    expect(Buffer.from(document.bytes).toString("utf8")).toBe(PAGE);
  });

  it("treats a body without Content-Type as HTML when it looks like HTML", async () => {
    const document = await fetchUrl(server.url("/no-type"), open);
    expect(document.contentType).toBe("text/html");
  });
});

describe("fetchUrl refuses what is not a fetchable web address", () => {
  it.each([
    ["ftp://example.com/story.txt", '"ftp:"'],
    ["file:///etc/passwd", '"file:"'],
    ["javascript:alert(1)", '"javascript:"'],
    ["not a url", "not a valid URL"],
    ["", "not a valid URL"],
    ["http://user:secret@example.com/", "user name or password"],
  ])("refuses %j with BAD_URL naming the problem", async (url, message) => {
    const error = await refusal(fetchUrl(url, open));
    expect(error.code).toBe("BAD_URL");
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("secret");
  });

  it("refuses a redirect to a non-http(s) URL", async () => {
    const error = await refusal(fetchUrl(server.url("/to-ftp"), open));
    expect(error.code).toBe("BAD_URL");
    expect(error.message).toContain("ftp:");
  });
});

describe("fetchUrl's SSRF guard (allowPrivate: false)", () => {
  it.each([
    ["127.0.0.1 (loopback)", () => server.url("/article"), "loopback"],
    ["localhost", () => server.url("/article", "localhost"), "loopback"],
    ["[::1]", () => server.url("/article", "[::1]"), "loopback"],
    ["169.254.169.254 (cloud metadata)", () => "http://169.254.169.254/latest/meta-data/", "link-local"],
    ["10.0.0.1 (RFC 1918)", () => "http://10.0.0.1/", "private"],
    ["192.168.1.1 (RFC 1918)", () => "http://192.168.1.1/", "private"],
    ["172.16.5.4 (RFC 1918)", () => "http://172.16.5.4/", "private"],
    ["100.64.0.1 (CGNAT)", () => "http://100.64.0.1/", "carrier-grade NAT"],
    ["0.0.0.0 (unspecified)", () => `http://0.0.0.0:${server.port}/article`, "unspecified"],
    [
      "[::ffff:127.0.0.1] (IPv4-mapped loopback)",
      () => `http://[::ffff:127.0.0.1]:${server.port}/article`,
      "loopback",
    ],
    [
      "[::ffff:169.254.169.254] (IPv4-mapped metadata)",
      () => "http://[::ffff:169.254.169.254]/",
      "link-local",
    ],
    ["2130706433 (decimal 127.0.0.1)", () => `http://2130706433:${server.port}/article`, "loopback"],
    ["0x7f.1 (hex 127.0.0.1)", () => `http://0x7f.1:${server.port}/article`, "loopback"],
    ["[fd00::1] (unique-local)", () => "http://[fd00::1]/", "unique-local"],
    ["[fe80::1] (link-local IPv6)", () => "http://[fe80::1]/", "link-local"],
    ["224.0.0.1 (multicast)", () => "http://224.0.0.1/", "multicast"],
  ])("refuses %s with FORBIDDEN_URL before connecting", async (_label, url, reason) => {
    const before = server.hits.get("/article") ?? 0;
    const error = await refusal(fetchUrl(url(), { allowPrivate: false }));
    expect(error.code).toBe("FORBIDDEN_URL");
    expect(error.message).toContain(reason);
    expect(error.message).toContain("public");
    expect(server.hits.get("/article") ?? 0).toBe(before);
  });

  it("refuses a host name whose DNS answer is loopback (checked after resolution)", async () => {
    const error = await refusal(
      fetchUrl("http://news.example/story", { resolve: async () => ["127.0.0.1"] }),
    );
    expect(error.code).toBe("FORBIDDEN_URL");
    expect(error.message).toContain('"news.example" resolves to 127.0.0.1');
  });

  it("checks every resolved address, not just the first", async () => {
    const error = await refusal(
      fetchUrl("http://news.example/story", { resolve: async () => ["93.184.216.34", "10.1.2.3"] }),
    );
    expect(error.code).toBe("FORBIDDEN_URL");
    expect(error.message).toContain("10.1.2.3");
  });

  it("refuses a redirect from an allowed host to 127.0.0.1, 169.254.169.254 or 10.0.0.1", async () => {
    // "localhost" is exempted by name (allowHosts) so the first hop is allowed; the targets are not.
    const options: FetchOptions = { allowHosts: ["localhost"], resolve: async () => ["127.0.0.1"] };
    for (const [path, target] of [
      ["/to-loopback", "127.0.0.1"],
      ["/to-metadata", "169.254.169.254"],
      ["/to-private", "10.0.0.1"],
    ] as const) {
      const before = server.hits.get("/article") ?? 0;
      const error = await refusal(fetchUrl(server.url(path, "localhost"), options));
      expect(error.code).toBe("FORBIDDEN_URL");
      expect(error.message).toContain(target);
      expect(error.message).toContain("a redirect from");
      expect(server.hits.get("/article") ?? 0).toBe(before);
    }
  });

  it("lets an allowed host redirect within itself (the control for the test above)", async () => {
    const document = await fetchUrl(server.url("/redirect", "localhost"), {
      allowHosts: ["localhost"],
      resolve: async () => ["127.0.0.1"],
    });
    expect(document.finalUrl).toBe(server.url("/article", "localhost"));
  });

  it("connects to the address it checked, not to a fresh DNS answer (no DNS rebinding)", async (context) => {
    // A second server on 127.0.0.2: the system resolves "localhost" to 127.0.0.1/::1, where nothing
    // listens on this port, so the fetch can only succeed if the connection used the checked address.
    const other = await startServer(
      { "/article": send(200, { "content-type": "text/html" }, PAGE) },
      "127.0.0.2",
    ).catch(() => undefined);
    if (!other) return context.skip(); // 127.0.0.2 is not bound on this OS (macOS)
    try {
      let lookups = 0;
      const document = await fetchUrl(other.url("/article", "localhost"), {
        allowHosts: ["localhost"],
        resolve: async () => {
          lookups++;
          return ["127.0.0.2"];
        },
      });
      expect(Buffer.from(document.bytes).toString("utf8")).toBe(PAGE);
      expect(lookups).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe("fetchUrl reports HTTP and transport failures clearly", () => {
  it("refuses a 404 with FETCH_FAILED naming the status and the URL", async () => {
    const error = await refusal(fetchUrl(server.url("/missing"), open));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("404 Not Found");
    expect(error.message).toContain(server.url("/missing"));
  });

  it("refuses a 500 with FETCH_FAILED naming the status", async () => {
    const error = await refusal(fetchUrl(server.url("/broken"), open));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("500 Internal Server Error");
  });

  it("gives up on a server that never answers with FETCH_TIMEOUT after timeoutMs", async () => {
    const started = Date.now();
    const error = await refusal(fetchUrl(server.url("/slow"), { ...open, timeoutMs: 300 }));
    expect(error.code).toBe("FETCH_TIMEOUT");
    expect(error.message).toContain("0.3 s");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a body that stops arriving with FETCH_TIMEOUT", async () => {
    const error = await refusal(fetchUrl(server.url("/slow-body"), { ...open, timeoutMs: 300 }));
    expect(error.code).toBe("FETCH_TIMEOUT");
  });

  it("refuses a redirect loop, naming the hops", async () => {
    const error = await refusal(fetchUrl(server.url("/loop-a"), open));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("loop");
    expect(error.message).toContain("/loop-b");
  });

  it("refuses more than maxRedirects redirects", async () => {
    const error = await refusal(fetchUrl(server.url("/chain"), { ...open, maxRedirects: 3 }));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("more than 3 times");
    expect(error.message).toContain("n=4");
  });

  it("refuses a redirect without a Location", async () => {
    const error = await refusal(fetchUrl(server.url("/no-location"), open));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("no destination");
  });

  it("refuses a body whose Content-Length is over maxBytes without reading it", async () => {
    const error = await refusal(fetchUrl(server.url("/big-declared"), open));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("10 MB");
    expect(error.message).toContain("5 MB limit");
  });

  it("refuses a body without Content-Length once the stream passes maxBytes", async () => {
    const error = await refusal(fetchUrl(server.url("/big-streamed"), { ...open, maxBytes: 100_000 }));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.message).toContain("97.7 KB");
  });

  it("counts maxBytes after decompression (a small gzip that inflates past the cap)", async () => {
    const error = await refusal(fetchUrl(server.url("/gzip-bomb"), { ...open, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe("TOO_LARGE");
  });

  it("refuses a non-HTML content type (application/pdf) with UNSUPPORTED_CONTENT naming it", async () => {
    const error = await refusal(fetchUrl(server.url("/pdf"), open));
    expect(error.code).toBe("UNSUPPORTED_CONTENT");
    expect(error.message).toContain('"application/pdf"');
    expect(error.message).toContain("text/html");
  });

  it("reports a refused connection as FETCH_FAILED", async () => {
    // Bind and release a port so that nothing listens on it.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await refusal(fetchUrl(`http://127.0.0.1:${port}/`, open));
    expect(error.code).toBe("FETCH_FAILED");
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("rejects with the caller's abort reason when the caller cancels", async () => {
    const controller = new AbortController();
    const reason = new Error("user cancelled");
    setTimeout(() => controller.abort(reason), 50);
    await expect(fetchUrl(server.url("/slow"), { ...open, signal: controller.signal })).rejects.toBe(reason);
  });
});
