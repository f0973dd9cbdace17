/**
 * Raw gateway INTERACTION_CREATE payloads, as Discord sends them, for injection into a real Client.
 */
import { APP_ID, botMessage, CHANNEL_ID, rawAttachment } from "./discord-stub.ts";

export const GUILD_ID = "1200000000000000001";
export const OTHER_GUILD_ID = "1200000000000000002";
export const ALICE = "1000000000000000001";
export const BOB = "1000000000000000002";
export const MOD_ROLE = "1250000000000000001";
/** Permission bitfields (strings, as in payloads). */
export const PERMS_NONE = "0";
export const PERMS_MANAGE_GUILD = String(1n << 5n);
export const PERMS_ADMIN = String(1n << 3n);

let seq = 0n;
const nextId = () => String(1500000000000000000n + ++seq);

export interface Actor {
  userId?: string;
  /** null: a DM with the bot. */
  guildId?: string | null;
  permissions?: string;
  roles?: string[];
}

function user(id: string) {
  return { id, username: `user${id.slice(-3)}`, discriminator: "0", global_name: null, avatar: null };
}

function base(type: number, actor: Actor) {
  const userId = actor.userId ?? ALICE;
  const guildId = actor.guildId === undefined ? GUILD_ID : actor.guildId;
  const where = guildId
    ? {
        guild_id: guildId,
        channel_id: CHANNEL_ID,
        member: {
          user: user(userId),
          roles: actor.roles ?? [],
          permissions: actor.permissions ?? PERMS_NONE,
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
        },
        context: 0,
      }
    : {
        channel_id: CHANNEL_ID,
        channel: { id: CHANNEL_ID, type: 1 },
        user: user(userId),
        context: 1,
      };
  return {
    id: nextId(),
    application_id: APP_ID,
    type,
    token: `token-${seq}`,
    version: 1,
    locale: "en-US",
    guild_locale: "en-US",
    app_permissions: "2147483647",
    entitlements: [],
    authorizing_integration_owners: guildId ? { "0": guildId } : { "1": userId },
    attachment_size_limit: 10 * 1024 * 1024,
    ...where,
  };
}

export type RawOption = {
  type: number;
  name: string;
  value?: string | number | boolean;
  focused?: boolean;
  options?: RawOption[];
};

export function chatInput(name: string, options: RawOption[] = [], actor: Actor = {}, resolved?: object) {
  return {
    ...base(2, actor),
    data: { id: nextId(), name, type: 1, options, ...(resolved ? { resolved } : {}) },
  };
}

export function autocomplete(name: string, options: RawOption[], actor: Actor = {}) {
  return { ...base(4, actor), data: { id: nextId(), name, type: 1, options } };
}

export const str = (name: string, value: string, focused = false): RawOption =>
  focused ? { type: 3, name, value, focused } : { type: 3, name, value };
export const sub = (name: string, options: RawOption[] = []): RawOption => ({ type: 1, name, options });

/** A button press on a message the bot sent earlier (its components as recorded). */
export function buttonPress(customId: string, actor: Actor = {}, components: unknown[] = []) {
  return {
    ...base(3, actor),
    data: { custom_id: customId, component_type: 2 },
    message: botMessage({ id: nextId(), type: 20, components }),
  };
}

export function modalSubmit(customId: string, fields: Record<string, string>, actor: Actor = {}) {
  return {
    ...base(5, actor),
    data: {
      custom_id: customId,
      components: Object.entries(fields).map(([id, value], i) => ({
        type: 18,
        id: i * 2 + 1,
        component: { type: 4, id: i * 2 + 2, custom_id: id, value },
      })),
    },
  };
}

/** An /article add with an attachment option, resolved as Discord resolves it. */
export function withAttachment(
  file: { name: string; size: number; url: string; contentType?: string },
  actor: Actor,
) {
  const id = nextId();
  return chatInput("article", [sub("add", [{ type: 11, name: "file", value: id }])], actor, {
    attachments: { [id]: rawAttachment(id, file) },
  });
}

/**
 * A message context-menu command ("Apps → <name>") on someone's message; Discord sends the message in
 * `data.resolved.messages`, so the bot needs no message-content intent to read it.
 */
export function messageCommand(
  name: string,
  message: {
    content: string;
    authorId?: string;
    attachments?: { name: string; size: number; url: string; contentType?: string }[];
  },
  actor: Actor = {},
) {
  const messageId = nextId();
  return {
    ...base(2, actor),
    data: {
      id: nextId(),
      name,
      type: 3,
      target_id: messageId,
      resolved: {
        messages: {
          [messageId]: {
            ...botMessage({ id: messageId, type: 0, content: message.content }),
            author: user(message.authorId ?? BOB),
            attachments: (message.attachments ?? []).map((file) => rawAttachment(nextId(), file)),
          },
        },
      },
    },
  };
}
