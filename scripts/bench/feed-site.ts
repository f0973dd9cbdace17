/**
 * The news site the feed benchmark polls, in its own process so the benchmark's CPU figures are the
 * poller's alone. Serves /feed/<n>.xml (20 items each, ETags: an unchanged feed answers 304) and
 * /story/<n>. stdin commands, one per line: "stats" (bytes in and out so far, as JSON), "bump <n>"
 * (feed n gets a new newest item), "touch" (every feed's ETag changes, content not).
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";

const FEEDS = 100;
const ITEMS = 20;
const newest = new Map<number, number>();
let generation = 0;
let bytesIn = 0;
let bytesOut = 0;

function feedXml(feed: number): string {
  const top = newest.get(feed) ?? ITEMS;
  const items = Array.from({ length: ITEMS }, (_, i) => top - i)
    .map((n) => {
      const id = feed * 10_000 + n;
      return `<item><title>Bench story ${id}: the ${n}th report from desk ${feed}</title><link>${origin}/story/${id}</link><guid isPermaLink="false">bench-${id}</guid><pubDate>${new Date(Date.UTC(2026, 0, 1, 0, n)).toUTCString()}</pubDate><description>A summary of story ${id}, as feeds usually carry a sentence or two about each item before its link.</description></item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bench desk ${feed}</title><link>${origin}/</link>\n${items}\n</channel><!-- ${generation} --></rss>\n`;
}

function storyHtml(id: number): string {
  const paragraphs = Array.from(
    { length: 12 },
    (_, p) =>
      `<p>Paragraph ${p + 1} of bench story ${id}: the transport board said on Monday that line ${id % 97} would carry ${(id * 13 + p) % 5000} more passengers a day after the new timetable, a spokesman told reporters at the depot.</p>`,
  ).join("");
  return `<!doctype html><html><head><title>Bench story ${id}</title></head><body><article><h1>Bench story ${id}</h1>${paragraphs}</article></body></html>`;
}

const server = http.createServer((req, res) => {
  const path = req.url ?? "/";
  const feed = /^\/feed\/(\d+)\.xml$/.exec(path);
  if (feed && Number(feed[1]) < FEEDS) {
    const body = feedXml(Number(feed[1]));
    const etag = `"${createHash("sha1").update(body).digest("hex").slice(0, 16)}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", etag }).end(body);
    return;
  }
  const story = /^\/story\/(\d+)$/.exec(path);
  if (story) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(storyHtml(Number(story[1])));
    return;
  }
  res.writeHead(404).end();
});
server.on("connection", (socket) => {
  socket.on("close", () => {
    bytesIn += socket.bytesRead;
    bytesOut += socket.bytesWritten;
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ origin, feeds: FEEDS })}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(" ");
  if (command === "stats") process.stdout.write(`${JSON.stringify({ bytesIn, bytesOut })}\n`);
  else if (command === "bump") {
    const n = Number(arg);
    newest.set(n, (newest.get(n) ?? ITEMS) + 1);
    process.stdout.write("ok\n");
  } else if (command === "touch") {
    generation++;
    process.stdout.write("ok\n");
  }
}
server.close();
