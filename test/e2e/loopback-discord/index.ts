/**
 * A loopback Discord: one HTTP server on 127.0.0.1 carrying the REST API (under /api/v10), the
 * gateway (WebSocket upgrade on / and /resume) and a file host (/files/…, the attachment CDN and the
 * web pages articles are added from). The bot process reaches it through DISCORD_API_URL alone; the
 * gateway URL it learns from GET /gateway/bot, as in production.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { APP_ID } from "../../discord/helpers/discord-stub.ts";
import { type GatewaySession, LoopbackGateway } from "./gateway.ts";
import { LoopbackRest, type RecordedRequest } from "./rest.ts";

export { channelOf, LoopbackGateway } from "./gateway.ts";
export type { RecordedRequest } from "./rest.ts";

export interface LoopbackDiscordOptions {
  /** The one token Discord accepts. */
  token: string;
  /**
   * The token the gateway accepts, when it differs from the API's: a token reset between GET
   * /gateway/bot and IDENTIFY, so the gateway closes with 4004. Default: `token`.
   */
  gatewayToken?: string;
  /** Guilds the bot is in; each shard is sent those with (id >> 22) % shards === shard. */
  guilds: readonly string[];
  /** GET /gateway/bot's `shards` (what SHARDS=auto spawns). Default 1. */
  recommendedShards?: number;
  /** HELLO's heartbeat_interval. Default 10 s, so a long scenario sees a few heartbeats. */
  heartbeatIntervalMs?: number;
  allowPrivilegedIntents?: boolean;
}

/** One dispatched interaction and the bot's answers to it, as the stand-in received them. */
export interface SentInteraction {
  id: string;
  token: string;
  /** performance.now() when it was dispatched. */
  sentAt: number;
  /** The sequence number it went out with, and the session. */
  seq: number;
  session: GatewaySession;
  /** The interaction callback (deferral, reply, modal, update). */
  callback(timeoutMs?: number): Promise<RecordedRequest>;
  /** The first edit of the original response, or a follow-up message. */
  answer(timeoutMs?: number): Promise<RecordedRequest>;
  /** Every request the bot sent for this interaction so far. */
  requests(): RecordedRequest[];
}

export interface LoopbackDiscord {
  origin: string;
  /** The value for DISCORD_API_URL. */
  api: string;
  rest: LoopbackRest;
  gateway: LoopbackGateway;
  /** Serves a file; returns its URL. */
  serveFile(name: string, content: string | Buffer, type?: string): string;
  /** Dispatches INTERACTION_CREATE to the shard that owns the payload's guild (shard 0 for DMs). */
  interact(payload: { id: string; token: string; guild_id?: string }): SentInteraction;
  close(): Promise<void>;
}

export async function startLoopbackDiscord(options: LoopbackDiscordOptions): Promise<LoopbackDiscord> {
  let origin = "";
  const rest = new LoopbackRest({
    token: options.token,
    appId: APP_ID,
    gatewayUrl: () => origin.replace(/^http/, "ws"),
    recommendedShards: () => options.recommendedShards ?? 1,
  });
  const gateway = new LoopbackGateway({
    token: options.gatewayToken ?? options.token,
    appId: APP_ID,
    guilds: options.guilds,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 10_000,
    origin: () => origin,
    allowPrivilegedIntents: options.allowPrivilegedIntents ?? false,
  });
  const server = http.createServer((req, res) => rest.handle(req, res));
  server.on("upgrade", (request, socket, head) => {
    gateway.upgradeServer.handleUpgrade(request, socket, head, (ws) =>
      gateway.upgradeServer.emit("connection", ws, request),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const forInteraction = (id: string, token: string) => (r: RecordedRequest) =>
    r.path.startsWith(`/interactions/${id}/`) || r.path.startsWith(`/webhooks/${APP_ID}/${token}`);

  return {
    origin,
    api: `${origin}/api`,
    rest,
    gateway,
    serveFile: (name, content, type) => rest.serveFile(origin, name, content, type),
    interact(payload) {
      const session = gateway.sessionForGuild(payload.guild_id ?? null);
      if (!session) throw new Error(`no gateway session serves guild ${payload.guild_id ?? "(DM)"}`);
      rest.dispatched.add(payload.id);
      const sentAt = performance.now();
      const seq = gateway.dispatch(session, "INTERACTION_CREATE", payload);
      const { id, token } = payload;
      const mine = forInteraction(id, token);
      return {
        id,
        token,
        sentAt,
        seq,
        session,
        callback: (timeoutMs) =>
          rest.requests.waitFor(
            (r) => r.method === "POST" && r.path === `/interactions/${id}/${token}/callback`,
            `the callback for interaction ${id}`,
            timeoutMs,
          ),
        answer: (timeoutMs) =>
          rest.requests.waitFor(
            (r) =>
              r.status < 300 &&
              ((r.method === "PATCH" && r.path === `/webhooks/${APP_ID}/${token}/messages/@original`) ||
                (r.method === "POST" && r.path === `/webhooks/${APP_ID}/${token}`)),
            `the answer to interaction ${id}`,
            timeoutMs,
          ),
        requests: () => rest.requests.items.filter(mine),
      };
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
