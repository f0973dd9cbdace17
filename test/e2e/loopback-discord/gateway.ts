/**
 * The gateway half of the loopback Discord: API v10, JSON encoding, no compression (discord.js asks for
 * zlib-stream only when zlib-sync is installed, and it is not). It does what Discord's gateway does
 * that the bot depends on: HELLO, IDENTIFY → READY (every guild unavailable) → one GUILD_CREATE per
 * guild of that shard, heartbeat ACKs, RESUME → the missed dispatches replayed, then RESUMED, and the
 * refusals (close 4004 for a bad token, 4014 for privileged intents it was not granted). Scenarios
 * drive the rest: drop a connection, send op 7 RECONNECT or op 9 INVALID_SESSION, dispatch events.
 */
import { WebSocket, WebSocketServer } from "ws";
import { BOT_USER } from "../../discord/helpers/discord-stub.ts";
import { Watched } from "./waiters.ts";

/** GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT: need approval in the Developer Portal. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export type GatewayEvent =
  | { kind: "connect"; at: number; path: string }
  | { kind: "identify"; at: number; shard: [number, number]; intents: number; sessionId?: string }
  | { kind: "resume"; at: number; sessionId: string; seq: number | null; path: string; replayed: number }
  | { kind: "heartbeat"; at: number; seq: number | null }
  /** A refusal: a close code, or 9 for an op 9 answer to RESUME. */
  | { kind: "refused"; at: number; code: number }
  | { kind: "closed"; at: number; code: number; sessionId?: string }
  | { kind: "dispatch"; at: number; t: string; s: number; sessionId: string; live: boolean };

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

export class GatewaySession {
  seq = 0;
  /** While true, heartbeats on this session's connection go unanswered (a half-dead link). */
  silent = false;
  /** Expired sessions can't be resumed (Discord forgets them after a while). */
  expired = false;
  readonly log: Dispatch[] = [];
  socket: WebSocket | null = null;
  constructor(
    readonly id: string,
    readonly shard: [number, number],
  ) {}
}

export class LoopbackGateway {
  readonly events = new Watched<GatewayEvent>();
  /** Every session ever identified, newest last. */
  readonly sessions: GatewaySession[] = [];
  private readonly server = new WebSocketServer({ noServer: true });
  private sessionCount = 0;

  constructor(
    private readonly settings: {
      token: string;
      appId: string;
      guilds: readonly string[];
      heartbeatIntervalMs: number;
      origin: () => string;
      allowPrivilegedIntents: boolean;
    },
  ) {
    this.server.on("connection", (socket, request) => this.accept(socket, request.url ?? "/"));
  }

  get upgradeServer(): WebSocketServer {
    return this.server;
  }

  /** Which shard Discord routes a guild to: (guild_id >> 22) % shard count. */
  static shardOf(guildId: string, shardCount: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
  }

  /** The live session of a shard (the newest one identified for it). */
  sessionFor(shardId: number): GatewaySession | undefined {
    return this.sessions.findLast((s) => s.shard[0] === shardId && !s.expired);
  }

  /** The session a guild's events go to; DMs go to shard 0, as on Discord. */
  sessionForGuild(guildId: string | null): GatewaySession | undefined {
    const count = this.sessions.at(-1)?.shard[1] ?? 1;
    return this.sessionFor(guildId ? LoopbackGateway.shardOf(guildId, count) : 0);
  }

  /**
   * Sends a dispatch on a session with the next sequence number. With the connection down it is only
   * queued, as Discord does, and replayed when the client resumes.
   */
  dispatch(session: GatewaySession, t: string, d: unknown): number {
    const payload: Dispatch = { op: 0, t, s: ++session.seq, d };
    session.log.push(payload);
    const live = session.socket?.readyState === WebSocket.OPEN;
    if (live) session.socket!.send(JSON.stringify(payload));
    this.events.push({
      kind: "dispatch",
      at: performance.now(),
      t,
      s: payload.s,
      sessionId: session.id,
      live,
    });
    return payload.s;
  }

  /** The connection dies without a close frame (the client sees 1006). */
  drop(session: GatewaySession): void {
    session.socket?.terminate();
  }

  /**
   * Stops acknowledging heartbeats on the session's current connection, as a half-open TCP link
   * would: the client must notice the missing ACK itself and reconnect. A new connection is answered.
   */
  stopAcking(session: GatewaySession): void {
    session.silent = true;
  }

  /** Forgets a session, as Discord does some time after its connection is lost: RESUME gets op 9. */
  expire(session: GatewaySession): void {
    session.expired = true;
  }

  /** Op 7: Discord asks the client to reconnect and resume. */
  requestReconnect(session: GatewaySession): void {
    session.socket?.send(JSON.stringify({ op: 7, d: null }));
  }

  /** Op 9: the session is invalid; `resumable` says whether the client may resume it. */
  invalidateSession(session: GatewaySession, resumable: boolean): void {
    session.socket?.send(JSON.stringify({ op: 9, d: resumable }));
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, path: string): void {
    const at = () => performance.now();
    this.events.push({ kind: "connect", at: at(), path });
    let session: GatewaySession | undefined;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.settings.heartbeatIntervalMs } }));
    socket.on("close", (code) => {
      if (session?.socket === socket) session.socket = null;
      this.events.push({ kind: "closed", at: at(), code, ...(session ? { sessionId: session.id } : {}) });
    });
    socket.on("message", (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | number | null };
      switch (payload.op) {
        case 1:
          this.events.push({ kind: "heartbeat", at: at(), seq: payload.d as number | null });
          if (!(session?.silent && session.socket === socket)) socket.send(JSON.stringify({ op: 11 }));
          return;
        case 2:
          session = this.identify(socket, payload.d as Record<string, unknown>);
          return;
        case 6:
          session = this.resume(socket, payload.d as Record<string, unknown>, path);
          return;
        default:
          return;
      }
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): GatewaySession | undefined {
    if (d.token !== this.settings.token) return this.refuse(socket, 4004, "Authentication failed.");
    const intents = Number(d.intents);
    if (intents & PRIVILEGED_INTENTS && !this.settings.allowPrivilegedIntents)
      return this.refuse(socket, 4014, "Disallowed intent(s).");
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    const session = new GatewaySession(`session-${++this.sessionCount}-shard-${shard[0]}`, shard);
    session.socket = socket;
    this.sessions.push(session);
    this.events.push({ kind: "identify", at: performance.now(), shard, intents, sessionId: session.id });
    const guilds = this.settings.guilds.filter((id) => LoopbackGateway.shardOf(id, shard[1]) === shard[0]);
    this.dispatch(session, "READY", {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: `${this.settings.origin().replace(/^http/, "ws")}/resume`,
      shard,
      application: { id: this.settings.appId, flags: 0 },
      user_settings: {},
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
    });
    for (const id of guilds) this.dispatch(session, "GUILD_CREATE", guildCreate(id));
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>, path: string): GatewaySession | undefined {
    if (d.token !== this.settings.token) return this.refuse(socket, 4004, "Authentication failed.");
    const session = this.sessions.find((s) => s.id === d.session_id && !s.expired);
    if (!session) {
      this.events.push({ kind: "refused", at: performance.now(), code: 9 });
      socket.send(JSON.stringify({ op: 9, d: false }));
      return undefined;
    }
    // A resume on a new connection replaces the old one; after a resumable op 9 it comes on the same.
    if (session.socket !== socket) session.socket?.terminate();
    session.socket = socket;
    session.silent = false;
    const from = typeof d.seq === "number" ? d.seq : 0;
    const missed = session.log.filter((p) => p.s > from);
    for (const payload of missed) socket.send(JSON.stringify(payload));
    this.events.push({
      kind: "resume",
      at: performance.now(),
      sessionId: session.id,
      seq: typeof d.seq === "number" ? d.seq : null,
      path,
      replayed: missed.length,
    });
    this.dispatch(session, "RESUMED", null);
    return session;
  }

  private refuse(socket: WebSocket, code: number, reason: string): undefined {
    this.events.push({ kind: "refused", at: performance.now(), code });
    socket.close(code, reason);
    return undefined;
  }
}

/** Each guild's one text channel: its id plus one, so channel ids stay unique across guilds. */
export function channelOf(guildId: string): string {
  return String(BigInt(guildId) + 1n);
}

function guildCreate(id: string) {
  return {
    id,
    name: `Guild ${id.slice(-4)}`,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: "1000000000000000999",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: "@everyone",
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        position: 0,
        permissions: "1071698660929",
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: "en-US",
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: "2025-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    channels: [
      {
        id: channelOf(id),
        type: 0,
        guild_id: id,
        name: "general",
        position: 0,
        permission_overwrites: [],
        nsfw: false,
        topic: null,
        last_message_id: null,
        parent_id: null,
        rate_limit_per_user: 0,
      },
    ],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
