/**
 * A loopback stand-in for Discord's REST API. The real discord.js Client sends its requests here
 * (`rest: { api }`), and tests assert on what was sent: the callback that defers, the edits, their
 * embeds, flags and allowed_mentions. It also serves attachment files, as Discord's CDN would.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export const APP_ID = "1100000000000000001";
/** Every command Byline registers, sorted (slash commands and the message command). */
export const COMMAND_NAMES = ["Add to Byline", "about", "article", "ask", "feed", "help", "quotes"];
export const CHANNEL_ID = "1150000000000000001";
/** The bot's own user, as Discord sends it in messages. */
export const BOT_USER = {
  id: APP_ID,
  username: "Byline",
  discriminator: "0000",
  avatar: null,
  global_name: null,
  bot: true,
};

export interface SentEmbed {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  footer?: { text: string };
  author?: { name: string };
  fields?: { name: string; value: string }[];
}

export interface SentComponent {
  type: number;
  custom_id?: string;
  label?: string;
  disabled?: boolean;
  style?: number;
  components?: SentComponent[];
  component?: SentComponent;
}

/** What the bot sends: a message body, or an interaction callback wrapping one in `data`. */
export interface SentBody {
  type?: number;
  data?: SentBody & { custom_id?: string; title?: string; choices?: { name: string; value: string }[] };
  content?: string;
  embeds?: SentEmbed[];
  components?: SentComponent[];
  allowed_mentions?: { parse: string[] };
  flags?: number;
  attachments?: unknown[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body (for multipart: the payload_json part). */
  body: SentBody;
  /** File parts of a multipart body: name → content. */
  files: Record<string, string>;
  /** Position in the shared event log (to order requests against library calls). */
  seq: number;
}

export interface DiscordStub {
  api: string;
  origin: string;
  requests: RecordedRequest[];
  /** Shared, ordered log: "POST /interactions/…/callback", and whatever tests push ("library.ask"). */
  events: string[];
  /** Serves `content` at `${origin}/files/${name}`. */
  serveFile(name: string, content: string | Buffer, contentType?: string): string;
  close(): Promise<void>;
}

let messageSeq = 0n;

export async function startDiscordStub(): Promise<DiscordStub> {
  const requests: RecordedRequest[] = [];
  const events: string[] = [];
  const files = new Map<string, { content: Buffer; type: string }>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const raw = Buffer.concat(chunks).toString("utf8");
      if (url.pathname.startsWith("/files/")) {
        const file = files.get(decodeURIComponent(url.pathname.slice(7)));
        events.push(`GET ${url.pathname}`);
        if (!file) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { "content-type": file.type, "content-length": file.content.length });
        res.end(file.content);
        return;
      }
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
      const parsed = parseBody(raw, req.headers["content-type"] ?? "");
      events.push(`${req.method} ${path}`);
      requests.push({
        method: req.method ?? "",
        path,
        query: url.searchParams,
        body: parsed.body,
        files: parsed.files,
        seq: events.length - 1,
      });
      respond(req.method ?? "", path, url.searchParams, parsed.body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    api: `${origin}/api`,
    origin,
    requests,
    events,
    serveFile(name, content, contentType = "text/plain; charset=utf-8") {
      files.set(name, { content: Buffer.from(content), type: contentType });
      return `${origin}/files/${encodeURIComponent(name)}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function respond(
  method: string,
  path: string,
  query: URLSearchParams,
  body: SentBody,
  res: http.ServerResponse,
) {
  const json = (status: number, value: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  if (method === "POST" && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
    if (query.get("with_response") === "true") {
      json(200, { interaction: { id: "1", type: 2 }, resource: { type: body?.type } });
    } else {
      res.writeHead(204).end();
    }
    return;
  }
  if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
    if (method === "DELETE") res.writeHead(204).end();
    else json(200, message(body));
    return;
  }
  if (method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
    json(200, message(body));
    return;
  }
  // Channel posts (feed notices).
  if (method === "POST" && /^\/channels\/\d+\/messages$/.test(path)) {
    json(200, message(body));
    return;
  }
  if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
    json(
      200,
      (body as unknown as unknown[]).map((command, i) => ({
        ...(command as object),
        id: String(1300000000000000000n + BigInt(i)),
      })),
    );
    return;
  }
  json(404, { message: "Unknown route in the test stub", code: 0 });
}

/** A plausible message object, so discord.js can build a Message from an edit's response. */
function message(body: SentBody) {
  messageSeq++;
  return botMessage({
    id: String(1400000000000000000n + messageSeq),
    type: 0,
    content: body?.content ?? "",
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    flags: body?.flags ?? 0,
  });
}

/** A raw message the bot sent in the test channel (the API's shape, every required field set). */
export function botMessage(fields: {
  id: string;
  type: number;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  flags?: number;
}) {
  return {
    channel_id: CHANNEL_ID,
    author: BOT_USER,
    content: "",
    embeds: [],
    components: [],
    attachments: [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    pinned: false,
    flags: 0,
    ...fields,
  };
}

/** An attachment as Discord resolves it in an interaction (an option's file, a message's files). */
export function rawAttachment(
  id: string,
  file: { name: string; size: number; url: string; contentType?: string },
) {
  return {
    id,
    filename: file.name,
    size: file.size,
    url: file.url,
    proxy_url: file.url,
    ...(file.contentType ? { content_type: file.contentType } : {}),
  };
}

export function parseBody(
  raw: string,
  contentType: string,
): { body: SentBody; files: Record<string, string> } {
  if (!raw) return { body: {}, files: {} };
  if (contentType.startsWith("application/json")) return { body: JSON.parse(raw), files: {} };
  const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
  if (!boundary) return { body: { content: raw }, files: {} };
  let body: SentBody = {};
  const files: Record<string, string> = {};
  for (const part of raw.split(`--${boundary}`)) {
    const [head = "", ...rest] = part.split("\r\n\r\n");
    const content = rest.join("\r\n\r\n").replace(/\r\n$/, "");
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]+)"/.exec(head)?.[1];
    if (name === "payload_json") body = JSON.parse(content);
    else if (filename) files[filename] = content;
  }
  return { body, files };
}
