/**
 * The REST half of the loopback Discord: the API v10 routes the bot uses, each request recorded with
 * the time it arrived, plus the faults a scenario asks for (429 with retry_after, 500s, a response
 * held back). Responses are shaped as Discord's so discord.js builds its objects from them. It also
 * serves files, standing in for Discord's attachment CDN and for the web pages articles are added from.
 */
import type http from "node:http";
import { BOT_USER, botMessage, parseBody, type SentBody } from "../../discord/helpers/discord-stub.ts";
import { Watched } from "./waiters.ts";

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10 (or /files/… for downloads). */
  path: string;
  query: URLSearchParams;
  body: SentBody;
  files: Record<string, string>;
  /** Status the stand-in answered with. */
  status: number;
  /** performance.now() in the test process when the request arrived. */
  at: number;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get this answer (Infinity: all). */
  times: number;
}

interface Held {
  method: string;
  path: RegExp;
  release: Promise<void>;
  /** Resolves when a matching request has arrived (and is being held). */
  arrived: () => void;
}

const API_PREFIX = /^\/api\/v10(?=\/)/;

export class LoopbackRest {
  readonly requests = new Watched<RecordedRequest>();
  private readonly faults: Fault[] = [];
  private readonly holds: Held[] = [];
  private readonly files = new Map<string, { content: Buffer; type: string }>();
  /** Interaction ids Discord has dispatched (set by the gateway) and those already acknowledged. */
  readonly dispatched = new Set<string>();
  private readonly acknowledged = new Set<string>();
  private readonly originals = new Map<string, SentBody>();
  private messageSeq = 0n;

  constructor(
    private readonly settings: {
      token: string;
      appId: string;
      gatewayUrl: () => string;
      recommendedShards: () => number;
    },
  ) {}

  /** Serves `content` at /files/<name>; returns its URL on `origin`. */
  serveFile(
    origin: string,
    name: string,
    content: string | Buffer,
    type = "text/plain; charset=utf-8",
  ): string {
    this.files.set(name, { content: Buffer.from(content), type });
    return `${origin}/files/${encodeURIComponent(name)}`;
  }

  /** The next `times` requests matching method and path get this status (and body/headers). */
  fail(fault: Omit<Fault, "times"> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  /**
   * Holds back the answer to the next request matching method and path until `release()` is called;
   * `arrived` resolves once that request is in.
   */
  hold(method: string, path: RegExp): { arrived: Promise<void>; release(): void } {
    let release!: () => void;
    let arrived!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    this.holds.push({ method, path, release: released, arrived });
    return { arrived: arrival, release };
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void this.answer(req, res, Buffer.concat(chunks).toString("utf8"));
    });
  }

  private async answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const path = decodeURIComponent(url.pathname).replace(API_PREFIX, "");
    const parsed = parseBody(raw, req.headers["content-type"] ?? "");
    const at = performance.now();
    const record = (status: number) =>
      this.requests.push({ method, path, query: url.searchParams, ...parsed, status, at });

    const held = this.holds.findIndex((h) => h.method === method && h.path.test(path));
    if (held >= 0) {
      const [hold] = this.holds.splice(held, 1);
      hold!.arrived();
      await hold!.release;
    }
    const fault = this.faults.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (fault) {
      fault.times--;
      record(fault.status);
      res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
      res.end(JSON.stringify(fault.body ?? { message: "injected fault", code: 0 }));
      return;
    }
    const { status, body, type } = this.route(method, path, url.searchParams, parsed.body, req);
    record(status);
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
    res.writeHead(status, { "content-type": type ?? "application/json", "content-length": buffer.length });
    res.end(buffer);
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: SentBody,
    req: http.IncomingMessage,
  ): { status: number; body?: unknown; type?: string } {
    if (method === "GET" && path.startsWith("/files/")) {
      const file = this.files.get(path.slice("/files/".length));
      return file ? { status: 200, body: file.content, type: file.type } : { status: 404 };
    }
    const unauthorized = { status: 401, body: { message: "401: Unauthorized", code: 0 } };
    const authorized = req.headers.authorization === `Bot ${this.settings.token}`;

    if (method === "GET" && path === "/gateway/bot") {
      if (!authorized) return unauthorized;
      return {
        status: 200,
        body: {
          url: this.settings.gatewayUrl(),
          shards: this.settings.recommendedShards(),
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (method === "GET" && path === "/gateway")
      return { status: 200, body: { url: this.settings.gatewayUrl() } };
    if (method === "GET" && path === "/users/@me")
      return authorized ? { status: 200, body: BOT_USER } : unauthorized;
    if (method === "PUT" && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (!authorized) return unauthorized;
      const commands = body as unknown as object[];
      return {
        status: 200,
        body: commands.map((command, i) => ({ ...command, id: String(1300000000000000000n + BigInt(i)) })),
      };
    }

    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (method === "POST" && callback) {
      const id = callback[1]!;
      // As Discord: an interaction it never sent is unknown, and it can be acknowledged only once.
      if (!this.dispatched.has(id))
        return { status: 404, body: { message: "Unknown interaction", code: 10062 } };
      if (this.acknowledged.has(id))
        return { status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 } };
      this.acknowledged.add(id);
      if (body.data && (body.type === 4 || body.type === 7)) this.originals.set(callback[2]!, body.data);
      if (query.get("with_response") !== "true") return { status: 204 };
      return {
        status: 200,
        body: {
          interaction: { id, type: 2, activity_instance_id: null, response_message_id: null },
          resource: { type: body.type, ...(body.data ? { message: this.message(body.data) } : {}) },
        },
      };
    }
    const original = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path);
    if (original) {
      const token = original[2]!;
      if (method === "DELETE") {
        this.originals.delete(token);
        return { status: 204 };
      }
      if (method === "PATCH") this.originals.set(token, { ...this.originals.get(token), ...body });
      return { status: 200, body: this.message(this.originals.get(token) ?? {}) };
    }
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/\d+$/.test(path)) {
      return method === "DELETE" ? { status: 204 } : { status: 200, body: this.message(body) };
    }
    if (method === "POST" && /^\/webhooks\/\d+\/[^/]+$/.test(path))
      return { status: 200, body: this.message(body) };
    // A message in a channel (feed notices).
    if (method === "POST" && /^\/channels\/\d+\/messages$/.test(path))
      return { status: 200, body: this.message(body) };
    return {
      status: 404,
      body: { message: `404: Not Found (no such route in the stand-in: ${method} ${path})`, code: 0 },
    };
  }

  private message(body: SentBody) {
    this.messageSeq++;
    return botMessage({
      id: String(1400000000000000000n + this.messageSeq),
      type: 0,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
    });
  }
}
