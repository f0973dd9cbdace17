/**
 * A news site on loopback for the feed specs: feeds whose items change between polls (with ETags, so
 * conditional GETs get a 304), story pages, and switches for failures. Records every request.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedRequest {
  path: string;
  ifNoneMatch?: string;
  status: number;
}

interface Document {
  body: string | Buffer;
  contentType: string;
}

export interface FeedServer {
  origin: string;
  url(path: string): string;
  /** Serves `body` at `path` with an ETag derived from it (so an unchanged body answers 304). */
  serve(path: string, body: string | Buffer, contentType?: string): void;
  /** From now on `path` answers this status (null: serve normally again). */
  fail(path: string, status: number | null): void;
  requests: ServedRequest[];
  /** Story pages fetched so far (`/story/<n>`). */
  storyFetches(): number;
  /** Called on each story page request, before it is answered (tests kill a process here). */
  onStory?: (n: number) => void;
  close(): Promise<void>;
}

/** A story page with enough text to be an article; deterministic per number. */
export function storyPage(n: number): string {
  const paragraphs = Array.from(
    { length: 3 },
    (_, p) =>
      `<p>Paragraph ${p + 1} of feed story ${n}: the river authority said the weir at mile ${n * 3 + p} would be rebuilt before the spring floods, a spokeswoman told reporters.</p>`,
  ).join("");
  return `<!doctype html><html><head><title>Feed story ${n}</title></head><body><article><h1>Feed story ${n}</h1>${paragraphs}</article></body></html>`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const documents = new Map<string, Document>();
  const failures = new Map<string, number>();
  const requests: ServedRequest[] = [];
  let stories = 0;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const ifNoneMatch = req.headers["if-none-match"];
    const record = (status: number) =>
      requests.push({ path, status, ...(typeof ifNoneMatch === "string" ? { ifNoneMatch } : {}) });
    const failure = failures.get(path);
    if (failure) {
      record(failure);
      res.writeHead(failure, { "content-type": "text/plain" }).end("failing on purpose");
      return;
    }
    const story = /^\/story\/(\d+)$/.exec(path);
    if (story) {
      stories++;
      record(200);
      handle.onStory?.(Number(story[1]));
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(storyPage(Number(story[1])));
      return;
    }
    const document = documents.get(path);
    if (!document) {
      record(404);
      res.writeHead(404).end();
      return;
    }
    const etag = `"${createHash("sha1").update(document.body).digest("hex").slice(0, 16)}"`;
    if (ifNoneMatch === etag) {
      record(304);
      res.writeHead(304, { etag }).end();
      return;
    }
    record(200);
    res.writeHead(200, { "content-type": document.contentType, etag }).end(document.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const handle: FeedServer = {
    origin,
    url: (path) => `${origin}${path}`,
    serve(path, body, contentType = "application/rss+xml") {
      documents.set(path, { body, contentType });
    },
    fail(path, status) {
      if (status === null) failures.delete(path);
      else failures.set(path, status);
    },
    requests,
    storyFetches: () => stories,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return handle;
}

/** An RSS 2.0 feed listing stories `numbers` (newest first) on `origin`. */
export function rssFeed(origin: string, numbers: number[], title = "River News"): string {
  const items = numbers
    .map(
      (n) =>
        `<item><title>Feed story ${n}</title><link>${origin}/story/${n}</link><guid isPermaLink="false">river-${n}</guid><pubDate>${new Date(Date.UTC(2026, 10, 1, n)).toUTCString()}</pubDate><description>Summary of story ${n}.</description></item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>${origin}/</link>\n${items}\n</channel></rss>\n`;
}
