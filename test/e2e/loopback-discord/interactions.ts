/**
 * INTERACTION_CREATE payloads as Discord sends them over the gateway: slash commands with options,
 * buttons, message context-menu commands, in a guild (in that guild's channel) or in a DM.
 */
import { APP_ID, botMessage, rawAttachment } from "../../discord/helpers/discord-stub.ts";
import { channelOf } from "./gateway.ts";

export const PERMS_NONE = "0";
export const PERMS_MANAGE_GUILD = String(1n << 5n);

export interface Actor {
  userId: string;
  /** null: a DM with the bot. */
  guildId: string | null;
  permissions?: string;
}

export type RawOption = {
  type: number;
  name: string;
  value?: string | number | boolean;
  options?: RawOption[];
};
export const str = (name: string, value: string): RawOption => ({ type: 3, name, value });
export const sub = (name: string, options: RawOption[] = []): RawOption => ({ type: 1, name, options });

let counter = 0n;
const snowflake = () => String(((BigInt(Date.now()) - 1420070400000n) << 22n) + (++counter % 4096n));
const DM_CHANNEL = "1160000000000000001";

function user(id: string) {
  return { id, username: `user${id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null };
}

function base(type: number, actor: Actor) {
  const id = snowflake();
  const where = actor.guildId
    ? {
        guild_id: actor.guildId,
        channel_id: channelOf(actor.guildId),
        channel: { id: channelOf(actor.guildId), type: 0, guild_id: actor.guildId, name: "general" },
        member: {
          user: user(actor.userId),
          roles: [],
          permissions: actor.permissions ?? PERMS_NONE,
          joined_at: "2025-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          flags: 0,
        },
        context: 0,
        authorizing_integration_owners: { "0": actor.guildId },
      }
    : {
        channel_id: DM_CHANNEL,
        channel: { id: DM_CHANNEL, type: 1 },
        user: user(actor.userId),
        context: 1,
        authorizing_integration_owners: { "1": actor.userId },
      };
  return {
    id,
    application_id: APP_ID,
    type,
    token: `interaction-token-${id}`,
    version: 1,
    locale: "en-US",
    guild_locale: "en-US",
    app_permissions: "2147483647",
    entitlements: [],
    attachment_size_limit: 10 * 1024 * 1024,
    ...where,
  };
}

export function slash(name: string, options: RawOption[], actor: Actor, resolved?: object) {
  return {
    ...base(2, actor),
    data: { id: snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) },
  };
}

/** /article add with a file, resolved as Discord resolves an attachment option. */
export function articleAddFile(
  file: { name: string; size: number; url: string; contentType: string },
  actor: Actor,
) {
  const id = snowflake();
  return slash("article", [sub("add", [{ type: 11, name: "file", value: id }])], actor, {
    attachments: { [id]: rawAttachment(id, file) },
  });
}

/** A press of one of the bot's buttons, on the message the bot sent (its components as received). */
export function button(customId: string, actor: Actor, components: unknown[] = []) {
  const payload = base(3, actor);
  return {
    ...payload,
    data: { custom_id: customId, component_type: 2 },
    // The bot's ephemeral reply the button sits on (type 20: a reply to a command).
    message: {
      ...botMessage({ id: snowflake(), type: 20, components, flags: 64 }),
      channel_id: payload.channel_id,
    },
  };
}

/** A message context-menu command ("Apps → <name>") on someone's message, carried in resolved.messages. */
export function messageCommand(
  name: string,
  message: {
    content: string;
    authorId: string;
    attachments?: { name: string; size: number; url: string; contentType: string }[];
  },
  actor: Actor,
) {
  const payload = base(2, actor);
  const messageId = snowflake();
  return {
    ...payload,
    data: {
      id: snowflake(),
      name,
      type: 3,
      target_id: messageId,
      resolved: {
        messages: {
          [messageId]: {
            ...botMessage({ id: messageId, type: 0, content: message.content }),
            channel_id: payload.channel_id,
            ...(actor.guildId ? { guild_id: actor.guildId } : {}),
            author: user(message.authorId),
            attachments: (message.attachments ?? []).map((file) => rawAttachment(snowflake(), file)),
          },
        },
      },
    },
  };
}
