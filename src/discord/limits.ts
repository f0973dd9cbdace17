import type { APIEmbed } from "discord.js";

/**
 * Discord's message limits. A reply that breaks any of them is rejected outright (HTTP 400), so the user
 * sees nothing: every renderer plans within these numbers and `fitEmbeds` enforces them last.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  /** Characters across every embed of one message. */
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  textInput: 4000,
} as const;

const ELLIPSIS = "…";

/**
 * Cuts `text` to at most `max` characters, at a word boundary when one is near, ending in "…". Never
 * splits a surrogate pair and never leaves a bold marker open.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : "";
  // Room for the ellipsis and, if needed, a closing "**".
  let end = max - ELLIPSIS.length - 2;
  if (end <= 0) return ELLIPSIS;
  const space = text.lastIndexOf(" ", end);
  if (space > end * 0.7) end = space;
  end = safeCut(text, end);
  // A trailing backslash would escape the ellipsis or the closing marker.
  let head = text.slice(0, end).replace(/\\+$/, "").trimEnd();
  head = balanceBold(head);
  return `${head}${ELLIPSIS}`;
}

/** Moves a cut position back off the middle of a surrogate pair. */
export function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return index > 0 && code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

/** Closes an unmatched `**` (escaped asterisks don't count), so a cut excerpt doesn't leak markers. */
export function balanceBold(text: string): string {
  const markers = text.match(/(?<!\\)\*\*/g)?.length ?? 0;
  if (markers % 2 === 0) return text;
  // A marker right at the end opens nothing: drop it rather than close it.
  if (text.endsWith("**") && !text.endsWith("\\**")) return text.slice(0, -2).trimEnd();
  return `${text.trimEnd()}**`;
}

/** Characters Discord counts toward the 6000 limit of one embed. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

export function totalEmbedLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
}

/**
 * The last line of defence: clamps every embed part to its limit, keeps at most 10 embeds and 25
 * fields each, and then shortens the longest text until the message is within 6000 characters.
 * Renderers budget so this rarely has to cut; when it does the reply is shorter, never rejected.
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embeds).map(clampEmbed);
  let excess = totalEmbedLength(fitted) - LIMITS.embedTotal;
  while (excess > 0) {
    const target = longestPart(fitted);
    if (!target) break;
    const { get, set, min } = target;
    const current = get();
    const next = Math.max(min, current.length - excess);
    set(next === 0 ? "" : truncate(current, next));
    const shortened = current.length - get().length;
    if (shortened <= 0) break;
    excess -= shortened;
  }
  return fitted;
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, LIMITS.title);
  if (out.description !== undefined) out.description = truncate(out.description, LIMITS.description);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, LIMITS.author) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.fields).map((field) => ({
      ...field,
      // Discord rejects empty field names and values.
      name: truncate(field.name, LIMITS.fieldName) || "\u200b",
      value: truncate(field.value, LIMITS.fieldValue) || "\u200b",
    }));
  }
  return out;
}

interface Part {
  get(): string;
  set(value: string): void;
  min: number;
}

function longestPart(embeds: APIEmbed[]): Part | undefined {
  let best: Part | undefined;
  let bestLength = 0;
  const consider = (part: Part) => {
    const length = part.get().length;
    if (length > bestLength && length > part.min) {
      best = part;
      bestLength = length;
    }
  };
  for (const embed of embeds) {
    consider({ get: () => embed.description ?? "", set: (v) => (embed.description = v), min: 0 });
    for (const field of embed.fields ?? []) {
      consider({ get: () => field.value, set: (v) => (field.value = v || "\u200b"), min: 1 });
      consider({ get: () => field.name, set: (v) => (field.name = v || "\u200b"), min: 1 });
    }
    consider({ get: () => embed.title ?? "", set: (v) => (embed.title = v), min: 0 });
    const { footer, author } = embed;
    if (footer) consider({ get: () => footer.text, set: (v) => (footer.text = v || "\u200b"), min: 1 });
    if (author) consider({ get: () => author.name, set: (v) => (author.name = v || "\u200b"), min: 1 });
  }
  return best;
}

/** Message content within 2000 characters. */
export function fitContent(content: string): string {
  return truncate(content, LIMITS.content);
}
