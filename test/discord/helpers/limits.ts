import { expect } from "vitest";
import type { RecordedRequest, SentBody, SentComponent, SentEmbed } from "./discord-stub.ts";

/**
 * Every limit Discord enforces on a message body (it rejects the whole message otherwise), checked
 * independently of the bot's own limit code.
 */
export function expectWithinDiscordLimits(body: SentBody): void {
  expect(body, "a message body").toBeTypeOf("object");
  if (body.content !== undefined && body.content !== null)
    expect(body.content.length).toBeLessThanOrEqual(2000);
  const embeds: SentEmbed[] = body.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(10);
  let total = 0;
  for (const embed of embeds) {
    const title = embed.title ?? "";
    const description = embed.description ?? "";
    const footer = embed.footer?.text ?? "";
    const author = embed.author?.name ?? "";
    expect(title.length).toBeLessThanOrEqual(256);
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(footer.length).toBeLessThanOrEqual(2048);
    expect(author.length).toBeLessThanOrEqual(256);
    const fields = embed.fields ?? [];
    expect(fields.length).toBeLessThanOrEqual(25);
    total += title.length + description.length + footer.length + author.length;
    for (const field of fields) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(256);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(1024);
      total += field.name.length + field.value.length;
    }
    for (const text of [title, description, ...fields.map((f) => f.value)]) expectBalancedBold(text);
  }
  expect(total).toBeLessThanOrEqual(6000);
  const rows: SentComponent[] = body.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.components?.length ?? 0).toBeLessThanOrEqual(5);
    for (const component of row.components ?? []) {
      if (component.custom_id !== undefined) {
        expect(component.custom_id.length).toBeLessThanOrEqual(100);
        expect(ids.has(component.custom_id), `duplicate custom_id ${component.custom_id}`).toBe(false);
        ids.add(component.custom_id);
      }
      if (component.label !== undefined) expect(component.label.length).toBeLessThanOrEqual(80);
    }
  }
}

/** An unmatched `**` shows up as literal asterisks and bolds the rest of the text. */
export function expectBalancedBold(text: string): void {
  const markers = text.match(/(?<!\\)\*\*/g)?.length ?? 0;
  expect(markers % 2, `unbalanced ** in: ${text.slice(0, 200)}`).toBe(0);
}

/** The mention guard Byline sends with every message. */
export function expectNoMentions(body: SentBody): void {
  expect(body.allowed_mentions, "allowed_mentions").toEqual({ parse: [] });
}

export const EPHEMERAL = 1 << 6;

/** An ephemeral defer followed by an edit within every limit and with no mentions: the edit's body. */
export function ephemeralAnswer(requests: RecordedRequest[]): SentBody {
  expect(requests[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
  const edit = requests.find((r) => r.method === "PATCH");
  expect(edit, "an edit of the deferred reply").toBeDefined();
  expectNoMentions(edit!.body);
  expectWithinDiscordLimits(edit!.body);
  return edit!.body;
}
